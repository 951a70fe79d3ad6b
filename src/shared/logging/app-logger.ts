import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { AppConfig, LogLevelName } from '../../config/app-config';

/** Each LOG_LEVEL prints its own level and every more severe one. */
const ENABLED_LEVELS: Record<LogLevelName, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Nest's own start-up chatter (modules initialised, every route mapped): debug, not log. */
const STARTUP_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Nest's ConsoleLogger at the configured level, as text or one JSON object per line, with Nest's
 * start-up messages moved down to debug so a process starts with one line of its own.
 */
export class AppLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest[rest.length - 1];
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) this.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}

export function createAppLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): AppLogger {
  return new AppLogger({ logLevels: ENABLED_LEVELS[config.logLevel], json: config.logFormat === 'json' });
}
