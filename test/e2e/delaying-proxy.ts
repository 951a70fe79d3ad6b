import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A forwarding HTTP proxy that can hold requests or answers for a while: between our services it
 * makes invalidation pushes late and catalog reads slow, network conditions the cache must survive.
 */
export class DelayingProxy {
  /** Where requests go; set once the target is up. */
  target = '';
  /** Holds a request this long before forwarding it. */
  requestDelayMs = 0;
  /** Holds an answer this long before passing it back (the target has already acted). */
  responseDelayMs = 0;
  forwarded = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        void sleep(this.requestDelayMs).then(() => {
          const upstream = request(
            `${this.target}${incoming.url ?? '/'}`,
            { method: incoming.method, headers: incoming.headers },
            (answer) => {
              this.forwarded += 1;
              void sleep(this.responseDelayMs).then(() => {
                outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(outgoing);
              });
            },
          );
          upstream.on('error', () => outgoing.writeHead(502).end());
          upstream.end(Buffer.concat(chunks));
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
