import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Fault } from '../config/app-config';

/**
 * Crash points for tests (FAULT_INJECTION): the process kills itself with SIGKILL at the named
 * step, so a test can show what happens when a leader dies exactly there. Off by default.
 */
@Injectable()
export class FaultInjector {
  private readonly logger = new Logger(FaultInjector.name);

  constructor(private readonly config: AppConfig) {}

  reached(point: Exclude<Fault, 'none'>): void {
    if (this.config.faultInjection !== point) return;
    this.logger.warn(`FAULT_INJECTION: dying at ${point}`);
    process.kill(process.pid, 'SIGKILL');
  }
}
