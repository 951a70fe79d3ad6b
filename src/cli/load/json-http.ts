import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface JsonResponse {
  /** 0 when no answer came (connection refused, reset, timeout). */
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly latencyMs: number;
  /** Set when no answer came. */
  readonly error?: string;
}

export interface JsonHttpOptions {
  readonly timeoutMs?: number;
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * JSON over HTTP/1.1 on one kept-alive connection: `maxSockets: 1`, so one client is one connection
 * for its whole session. Never rejects; failures come back with status 0.
 */
export class JsonHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly base: URL;

  constructor(
    baseUrl: string,
    private readonly options: JsonHttpOptions = {},
  ) {
    this.base = new URL(baseUrl);
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const allHeaders: Record<string, string> = { accept: 'application/json', ...headers };
    if (payload) {
      allHeaders['content-type'] = 'application/json';
      allHeaders['content-length'] = String(payload.length);
    }
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    return new Promise((resolve) => {
      const req = request(
        new URL(path, this.base),
        { method, headers: allHeaders, agent: this.agent, timeout: this.options.timeoutMs ?? 15_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) =>
            resolve({ status: 0, body: undefined, headers: {}, latencyMs: elapsed(), error: error.message }),
          );
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: parse(text), headers: res.headers, latencyMs: elapsed() });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', (error) =>
        resolve({ status: 0, body: undefined, headers: {}, latencyMs: elapsed(), error: error.message }),
      );
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
