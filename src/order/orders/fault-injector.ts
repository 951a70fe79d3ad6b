import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

/**
 * Fault points for tests (FAULT_INJECTION), off by default: `crash-after-catalog-trade` kills the
 * process with SIGKILL right after the catalog applied a trade; `fail-after-catalog-trade` makes
 * that request fail there while the leader lives on.
 */
@Injectable()
export class FaultInjector {
  private readonly logger = new Logger(FaultInjector.name);

  constructor(private readonly config: AppConfig) {}

  afterCatalogTrade(): void {
    switch (this.config.faultInjection) {
      case 'none':
        return;
      case 'crash-after-catalog-trade':
        this.logger.warn('FAULT_INJECTION: dying after the catalog trade');
        process.kill(process.pid, 'SIGKILL');
        return;
      case 'fail-after-catalog-trade':
        throw new Error('FAULT_INJECTION: failing after the catalog trade');
    }
  }
}
