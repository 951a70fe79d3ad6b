import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { MAX_LOG_PAGE } from '../../config/tuning';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import {
  AppendRequest,
  AppendResult,
  DataEnvelope,
  envelope,
  LeaderNotice,
  OrderRecord,
  ReplicaStatus,
} from '../../shared/contracts';
import { integerText, record } from '../../shared/validation/schema';
import { SchemaPipe } from '../../shared/validation/schema.pipe';
import { appendRequestSchema, leaderNoticeSchema } from './append-request.schema';
import { ReplicaService } from './replica.service';

const logPageSchema = record({ after: integerText(-1, Number.MAX_SAFE_INTEGER), limit: integerText(1, MAX_LOG_PAGE) });

/** Replication and leadership routes, for the frontend and the other replicas only. */
@UseGuards(InternalTokenGuard)
@Controller('internal/replica')
export class ReplicaController {
  constructor(private readonly replica: ReplicaService) {}

  @Post('append')
  @HttpCode(200)
  async append(@Body(new SchemaPipe(appendRequestSchema)) request: AppendRequest): Promise<DataEnvelope<AppendResult>> {
    return envelope(await this.replica.append(request));
  }

  @Get('status')
  async status(): Promise<DataEnvelope<ReplicaStatus>> {
    return envelope(await this.replica.status());
  }

  @Post('leader')
  @HttpCode(200)
  async leader(@Body(new SchemaPipe(leaderNoticeSchema)) notice: LeaderNotice): Promise<DataEnvelope<ReplicaStatus>> {
    return envelope(await this.replica.leaderNotice(notice));
  }

  @Get('entries')
  async entries(
    @Query(new SchemaPipe(logPageSchema)) page: { after: number; limit: number },
  ): Promise<DataEnvelope<OrderRecord[]>> {
    return envelope(await this.replica.entries(page.after, page.limit));
  }
}
