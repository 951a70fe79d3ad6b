import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '../../config/app-config';
import { INVALIDATION_PATH, InvalidationBatch, StockInvalidation } from '../../shared/contracts';
import { InternalHttp } from '../../shared/http/internal-http';
import { Clock } from '../../shared/time/clock';
import { DeliveryOutcome, InvalidationOutbox } from './invalidation-outbox';
import { InvalidationPublisher } from './invalidation-publisher';

function outcomeOf(status: number): DeliveryOutcome {
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'rejected';
  return 'retry';
}

/** Pushes invalidations to the frontend's internal route, retrying in the background. */
@Injectable()
export class HttpInvalidationPublisher extends InvalidationPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(HttpInvalidationPublisher.name);
  private readonly outbox: InvalidationOutbox;
  private readonly url: string;

  constructor(
    private readonly http: InternalHttp,
    clock: Clock,
    config: AppConfig,
  ) {
    super();
    this.url = `${config.frontendUrl}${INVALIDATION_PATH}`;
    this.outbox = new InvalidationOutbox({
      send: (invalidations) => this.send(invalidations),
      now: () => clock.now(),
      sleep: (ms, signal) => sleep(ms, undefined, { signal }),
      onGiveUp: ({ name, version }, outcome) =>
        this.logger.warn(`gave up pushing the invalidation of ${name} v${version} to the frontend (${outcome})`),
    });
  }

  publish(invalidation: StockInvalidation): void {
    this.outbox.post(invalidation);
  }

  override get pending(): number {
    return this.outbox.pending;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.outbox.stop();
  }

  private async send(invalidations: StockInvalidation[]): Promise<DeliveryOutcome> {
    const batch: InvalidationBatch = { invalidations };
    const response = await this.http.request('frontend', 'POST', this.url, batch);
    return outcomeOf(response.status);
  }
}
