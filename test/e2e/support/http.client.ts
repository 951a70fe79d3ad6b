import { IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpOptions {
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent exactly as given (malformed JSON, oversized payloads); wins over `body`. */
  readonly rawBody?: string | Buffer;
  /** Content-Type defaults to application/json when a body is sent. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /**
   * The server answers on the headers alone (a 413 for a Content-Length over its limit): send them
   * first and the body only if no answer came within a second. Sent at once, a large body races the
   * server closing the connection after its answer, and the client may see EPIPE instead of the 413.
   */
  readonly answeredBeforeBody?: boolean;
}

// `any` by default so tests can write `res.body.data.transaction_number` without casts.
export interface HttpResponse<T = any> {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when the body is not JSON ('' when empty). */
  readonly body: T;
}

function payloadOf(options: HttpOptions): Buffer | undefined {
  if (options.rawBody !== undefined) return Buffer.from(options.rawBody);
  if (options.body !== undefined) return Buffer.from(JSON.stringify(options.body));
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One request on a fresh connection (no keep-alive), so a test never reuses a socket to a process
 * it has just killed.
 */
export function http<T = any>(method: string, url: string, options: HttpOptions = {}): Promise<HttpResponse<T>> {
  const payload = payloadOf(options);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = send(url, { method, headers, agent: false, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parse(text) as T });
        if (!req.writableFinished) req.destroy(); // answered before the body was sent: never send it
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    // A server may answer (e.g. 413) and close before reading a large body; the answer is what counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.answeredBeforeBody && payload !== undefined) {
      req.flushHeaders();
      const sendBody = setTimeout(() => req.end(payload), 1000);
      req.once('response', () => clearTimeout(sendBody));
    } else {
      req.end(payload);
    }
  });
}
