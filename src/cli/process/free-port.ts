import { readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:net';
import { FETCH_BLOCKED_PORTS } from './fetch-blocked-ports';

/** Ports are picked from here up to the start of the kernel's ephemeral range. */
const LOWEST_PORT = 20_000;
const ATTEMPTS = 1_000;

function listenOn(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The first port of the range Linux gives outgoing connections their local ports from. */
export async function ephemeralRangeStart(): Promise<number> {
  const text = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => '');
  const start = Number(text.trim().split(/\s+/)[0]);
  return Number.isInteger(start) && start > 0 ? start : 32_768;
}

/**
 * `count` distinct TCP ports on `host` that are free now, below the kernel's ephemeral range. A
 * port from that range (what listening on port 0 hands out) can be taken, between this call and
 * the moment a process we start listens on it, as the local port of any outgoing connection, such
 * as a replica that starts first connecting to its peers. All listeners stay open until every port
 * is known, so the same port cannot be handed out twice in one call.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const span = (await ephemeralRangeStart()) - LOWEST_PORT;
    for (let attempt = 0; servers.length < count && span > 0 && attempt < ATTEMPTS; attempt++) {
      const port = LOWEST_PORT + Math.floor(Math.random() * span);
      if (FETCH_BLOCKED_PORTS.has(port)) continue;
      const server = await listenOn(port, host).catch(() => undefined);
      if (server) servers.push(server);
    }
    // No room below the ephemeral range (a system that starts it low): the kernel's choice.
    while (servers.length < count) servers.push(await listenOn(0, host));
    return servers.map((server) => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
      return address.port;
    });
  } finally {
    await Promise.all(servers.map(close));
  }
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  return port;
}
