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

/**
 * Pushes invalidations to every frontend of FRONTEND_URL, each through its own outbox: a frontend
 * that is down or slow delays and retries only its own pushes.
 */
@Injectable()
export class HttpInvalidationPublisher extends InvalidationPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(HttpInvalidationPublisher.name);
  private readonly outboxes: InvalidationOutbox[];

  constructor(
    private readonly http: InternalHttp,
    clock: Clock,
    config: AppConfig,
  ) {
    super();
    this.outboxes = config.frontendUrls.map((frontend) => {
      const url = `${frontend}${INVALIDATION_PATH}`;
      return new InvalidationOutbox({
        send: (invalidations) => this.send(url, invalidations),
        now: () => clock.now(),
        sleep: (ms, signal) => sleep(ms, undefined, { signal }),
        onGiveUp: ({ name, version }, outcome) =>
          this.logger.warn(`gave up pushing the invalidation of ${name} v${version} to ${frontend} (${outcome})`),
      });
    });
  }

  publish(invalidation: StockInvalidation): void {
    for (const outbox of this.outboxes) outbox.post(invalidation);
  }

  override get pending(): number {
    return this.outboxes.reduce((sum, outbox) => sum + outbox.pending, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.outboxes.map((outbox) => outbox.stop()));
  }

  private async send(url: string, invalidations: StockInvalidation[]): Promise<DeliveryOutcome> {
    const batch: InvalidationBatch = { invalidations };
    const response = await this.http.request('frontend', 'POST', url, batch);
    return outcomeOf(response.status);
  }
}
