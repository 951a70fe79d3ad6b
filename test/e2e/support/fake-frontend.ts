import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface FakeFrontendOptions {
  /** Answer `GET /orders/{n}` with another stock than the one traded. */
  readonly lie?: boolean;
  /** Answer the first attempt of every idempotency key with 503, the next with success. */
  readonly failFirstAttempt?: boolean;
}

export interface FakeFrontend {
  readonly url: string;
  /** TCP connections opened so far. */
  connections(): number;
  /** How often each Idempotency-Key was sent. */
  keyAttempts(): ReadonlyMap<string, number>;
  close(): Promise<void>;
}

const STOCKS = ['GameStart', 'FishCo', 'BoarCo'];

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A tiny stand-in for the frontend's public API, honest or lying about orders. */
export async function startFakeFrontend(options: FakeFrontendOptions = {}): Promise<FakeFrontend> {
  const orders: { name: string; type: string; quantity: number }[] = [];
  const attempts = new Map<string, number>();
  let connections = 0;
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    const url = req.url ?? '';
    if (req.method === 'GET' && url === '/stocks') return send(res, 200, { data: STOCKS.map((name) => ({ name })) });
    const stock = /^\/stocks\/(\w+)$/.exec(url);
    if (req.method === 'GET' && stock) return send(res, 200, { data: { name: stock[1], price: 1, quantity: 100 } });
    if (req.method === 'POST' && url === '/orders') {
      const key = String(req.headers['idempotency-key']);
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
      if (options.failFirstAttempt && attempts.get(key) === 1) {
        return send(res, 503, { error: { code: 503, message: 'no leader' } }, { 'retry-after': '0' });
      }
      orders.push(JSON.parse(body) as { name: string; type: string; quantity: number });
      return send(res, 200, { data: { transaction_number: orders.length - 1 } });
    }
    const order = /^\/orders\/(\d+)$/.exec(url);
    const found = order ? orders[Number(order[1])] : undefined;
    if (req.method === 'GET' && order && found) {
      const name = options.lie ? 'LiarCo' : found.name;
      return send(res, 200, { data: { number: Number(order[1]), ...found, name } });
    }
    send(res, 404, { error: { code: 404, message: 'not found' } });
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    keyAttempts: () => attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
