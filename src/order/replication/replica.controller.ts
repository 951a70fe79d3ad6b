import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InternalTokenGuard } from '../../shared/auth/internal-token.guard';
import { AppendResult, DataEnvelope, envelope, OrderRecord, ReplicaStatus } from '../../shared/contracts';
import { LogPageQuery } from './log-page.query';
import { ReplicaService } from './replica.service';
import { AppendRequestDto, LeaderNoticeDto } from './replication.dto';

/** Replication and leadership routes, for the frontend and the other replicas only. */
@ApiExcludeController()
@UseGuards(InternalTokenGuard)
@Controller('internal/replica')
export class ReplicaController {
  constructor(private readonly replica: ReplicaService) {}

  @Get('status')
  async status(): Promise<DataEnvelope<ReplicaStatus>> {
    return envelope(await this.replica.status());
  }

  @Post('leader')
  @HttpCode(200)
  async leader(@Body() notice: LeaderNoticeDto): Promise<DataEnvelope<ReplicaStatus>> {
    return envelope(await this.replica.leaderNotice(notice));
  }

  @Post('append')
  @HttpCode(200)
  async append(@Body() request: AppendRequestDto): Promise<DataEnvelope<AppendResult>> {
    return envelope(await this.replica.append(request));
  }

  @Get('entries')
  async entries(@Query() page: LogPageQuery): Promise<DataEnvelope<OrderRecord[]>> {
    return envelope(await this.replica.entries(page.after, page.limit));
  }
}
