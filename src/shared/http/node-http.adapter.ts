import { AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { Agent, ClientRequest, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What a server does to a kept-alive socket it closed just as we reused it. */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * An axios adapter for calls between our own services: plain node:http(s) on the configured
 * keep-alive agent, with one timer for the whole exchange. Axios's own http adapter also handles
 * proxies, redirects, compression, streams and upload progress, none of which internal JSON calls
 * use, and measured at about twice the CPU of this one per call (docs/PERFORMANCE.md).
 *
 * A request that fails before any answer because the server had just closed the reused keep-alive
 * socket is sent once more on a fresh one: every internal call is idempotent (trade and request
 * ids, appends that name the entry they follow), and the race would otherwise look like an outage.
 */
export function nodeHttpAdapter(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  return exchange(config, true);
}

function exchange(config: InternalAxiosRequestConfig, mayRetry: boolean): Promise<AxiosResponse> {
  return new Promise((resolve, reject) => {
    const body = typeof config.data === 'string' ? config.data : undefined;
    const headers = AxiosHeaders.from(config.headers).toJSON() as Record<string, string>;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    let answered = false;
    let settled = false;
    const fail = (message: string, code: string) => {
      settled = true;
      reject(new AxiosError(message, code, config));
    };

    const url = config.url ?? '';
    const secure = url.startsWith('https:');
    const agent = (secure ? config.httpsAgent : config.httpAgent) as Agent | undefined;
    const onResponse = (response: IncomingMessage) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('error', (error: NodeJS.ErrnoException) => fail(error.message, error.code ?? AxiosError.ERR_NETWORK));
      response.on('end', () => {
        cancelTimers();
        settled = true;
        resolve({
          data: text,
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: response.headers as AxiosResponse['headers'],
          config,
          request: outgoing,
        });
      });
    };
    const method = (config.method ?? 'get').toUpperCase();
    const outgoing: ClientRequest = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent }, onResponse);

    const timer = config.timeout
      ? setTimeout(() => {
          outgoing.destroy();
          fail(`timeout of ${config.timeout}ms exceeded`, AxiosError.ETIMEDOUT);
        }, config.timeout)
      : undefined;
    const signal = config.signal as AbortSignal | undefined;
    const onAbort = () => {
      outgoing.destroy();
      fail('request aborted', AxiosError.ERR_CANCELED);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const cancelTimers = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      cancelTimers();
      if (settled) return;
      const stale = mayRetry && !answered && outgoing.reusedSocket && STALE_SOCKET_CODES.has(error.code ?? '');
      if (stale) {
        settled = true;
        resolve(exchange(config, false));
        return;
      }
      fail(error.message, error.code ?? AxiosError.ERR_NETWORK);
    });
    if (signal?.aborted) onAbort();
    else outgoing.end(body);
  });
}
