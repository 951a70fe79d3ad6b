import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ephemeralRangeStart, freePort, freePorts } from './free-port';

const bindable = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });

describe('freePorts', () => {
  it('hands out distinct free ports below the ephemeral range, where no outgoing connection is given one', async () => {
    const start = await ephemeralRangeStart();
    const ports = await freePorts(50);
    expect(new Set(ports).size).toBe(50);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(start);
    }
    expect(await Promise.all(ports.map(bindable))).toEqual(ports.map(() => true));
  });

  it('reads the ephemeral range Linux configures', async () => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/);
    expect(await ephemeralRangeStart()).toBe(Number(low));
  });

  it('gives one port the same way', async () => {
    const port = await freePort();
    expect(port).toBeLessThan(await ephemeralRangeStart());
    expect(await bindable(port)).toBe(true);
  });
});
