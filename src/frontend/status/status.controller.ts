import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataEnvelope, envelope } from '../../shared/contracts';
import { ClusterStatusService } from './cluster-status.service';
import { ClusterStatus } from './cluster-status.types';

/** The page's static files, copied next to the compiled controller by `nest build` (nest-cli.json). */
const PAGE_DIR = join(__dirname, 'page');
const read = (file: string): string => readFileSync(join(PAGE_DIR, file), 'utf8');

/** `GET /status`: a live page of the cluster, polling `GET /status/cluster`. No build step, no framework. */
@ApiTags('status')
@Controller('status')
export class StatusController {
  private readonly html = read('status.html');
  private readonly script = read('status.js');
  private readonly style = read('status.css');

  constructor(private readonly status: ClusterStatusService) {}

  @Get()
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return this.html;
  }

  @Get('status.js')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  pageScript(): string {
    return this.script;
  }

  @Get('status.css')
  @ApiExcludeEndpoint()
  @Header('Content-Type', 'text/css; charset=utf-8')
  pageStyle(): string {
    return this.style;
  }

  @Get('cluster')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The cluster as the status page shows it: processes, leader, cache, traffic, events' })
  @ApiOkResponse({ description: '`data`: processes, leader, cache, the last minute of traffic, recent events' })
  cluster(): Promise<DataEnvelope<ClusterStatus>> {
    return this.status.collect().then(envelope);
  }
}
