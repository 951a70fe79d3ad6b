import { HttpModule } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AppConfig } from '../../config/app-config';
import { INTERNAL_TOKEN_HEADER } from '../auth/internal-token.guard';
import { InternalHttp } from './internal-http';

/** One keep-alive HTTP client for calls between our services, carrying the internal token. */
@Global()
@Module({
  imports: [
    HttpModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        timeout: config.downstreamTimeoutMs,
        httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
        httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
        headers: { [INTERNAL_TOKEN_HEADER]: config.internalToken },
        validateStatus: () => true,
        maxRedirects: 0,
        transitional: { clarifyTimeoutError: true },
      }),
    }),
  ],
  providers: [InternalHttp],
  exports: [InternalHttp],
})
export class InternalHttpModule {}
