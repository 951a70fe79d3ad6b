import { HttpModule, HttpModuleOptions } from '@nestjs/axios';
import { Global, Module } from '@nestjs/common';
import { AxiosHeaders } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { AppConfig } from '../../config/app-config';
import { INTERNAL_TOKEN_HEADER } from '../auth/internal-token.guard';
import { InternalHttp } from './internal-http';
import { nodeHttpAdapter } from './node-http.adapter';

function parseJsonOrNull(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/** The axios instance's configuration: keep-alive agents, the internal token, JSON both ways. */
export function internalAxiosConfig(config: AppConfig): HttpModuleOptions {
  return {
    timeout: config.downstreamTimeoutMs,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
    headers: { [INTERNAL_TOKEN_HEADER]: config.internalToken },
    validateStatus: () => true,
    adapter: nodeHttpAdapter,
    // Internal bodies are JSON both ways, nothing else.
    transformRequest: [
      (data: unknown, headers: AxiosHeaders) => {
        if (data === undefined) return undefined;
        headers.setContentType('application/json');
        return JSON.stringify(data);
      },
    ],
    transformResponse: [(data: string) => parseJsonOrNull(data)],
  };
}

/** One keep-alive HTTP client for calls between our services, carrying the internal token. */
@Global()
@Module({
  imports: [
    HttpModule.registerAsync({
      inject: [AppConfig],
      useFactory: internalAxiosConfig,
    }),
  ],
  providers: [InternalHttp],
  exports: [InternalHttp],
})
export class InternalHttpModule {}
