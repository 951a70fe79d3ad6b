import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CommandResult, runCommand } from './command';
import { FIRST_HEALTHY_STATE, READ_ROUTE } from './container-probes';

export const SERVICES = ['catalog', 'order-1', 'order-2', 'order-3', 'frontend'] as const;
export type ServiceName = (typeof SERVICES)[number];
/** The ha profile's services: `up ha-lb` starts all of them. */
export const HA_SERVICES = [
  'postgres',
  'ha-catalog-1',
  'ha-catalog-2',
  'ha-order-1',
  'ha-order-2',
  'ha-order-3',
  'ha-frontend-1',
  'ha-frontend-2',
  'ha-lb',
] as const;
export type HaServiceName = (typeof HA_SERVICES)[number];
/** The metrics profile: the five, and Prometheus scraping them. */
export const METRICS_SERVICES = [...SERVICES, 'prometheus'] as const;
type AnyService = ServiceName | HaServiceName | 'prometheus';
export type Profile = 'ha' | 'metrics';

export const ROOT = join(__dirname, '..', '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker', 'compose.yml');
/** The tag docker/compose.yml runs. */
export const IMAGE = 'stock-bazaar:latest';

export interface Leftovers {
  readonly containers: string[];
  readonly networks: string[];
  readonly volumes: string[];
}

const lines = (result: CommandResult) => result.stdout.split('\n').filter((line) => line.trim() !== '');

/** `docker compose` (v2) where that plugin answers, else `docker-compose` (1.29); DOCKER_COMPOSE overrides. */
async function composeCommand(): Promise<string[]> {
  const forced = process.env.DOCKER_COMPOSE?.trim();
  if (forced) return forced.split(/\s+/);
  const v2 = await runCommand('docker', ['compose', 'version'], { allowFailure: true });
  return v2.code === 0 ? ['docker', 'compose'] : ['docker-compose'];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function docker(args: readonly string[], timeoutMs?: number): Promise<CommandResult> {
  return runCommand('docker', args, { timeoutMs });
}

/** Every volume the engine has, named or anonymous. */
export async function allVolumes(): Promise<string[]> {
  return lines(await docker(['volume', 'ls', '-q']));
}

/**
 * docker/compose.yml as one compose project with a unique name, a generated INTERNAL_TOKEN and the
 * frontend (with the ha profile: its load balancer) published on a free port of 127.0.0.1.
 * Containers are found by compose's labels, so this works the same with Compose v2 and
 * docker-compose 1.29.
 */
export class ComposeCluster {
  readonly project = `stock-bazaar-test-${randomBytes(4).toString('hex')}`;
  readonly token = randomBytes(32).toString('hex');
  private readonly postgresPassword = randomBytes(16).toString('hex');
  /** The frontend's, or with the ha profile the load balancer's, URL. */
  readonly frontendUrl: string;

  /** With the metrics profile, where Prometheus is published. */
  readonly prometheusUrl: string;

  private constructor(
    private readonly compose: readonly string[],
    readonly frontendPort: number,
    private readonly prometheusPort: number,
    readonly profile?: Profile,
  ) {
    this.frontendUrl = `http://127.0.0.1:${frontendPort}`;
    this.prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
  }

  static async create(profile?: Profile): Promise<ComposeCluster> {
    return new ComposeCluster(await composeCommand(), await freePort(), await freePort(), profile);
  }

  get services(): readonly AnyService[] {
    return { ha: HA_SERVICES, metrics: METRICS_SERVICES, default: SERVICES }[this.profile ?? 'default'];
  }

  get tool(): string {
    return this.compose.join(' ');
  }

  /** `<compose> -f docker/compose.yml -p <project> <args>` with this cluster's variables. */
  run(args: readonly string[], timeoutMs = 180_000): Promise<CommandResult> {
    const [command, ...prefix] = this.compose;
    const published =
      this.profile === 'ha'
        ? { HA_BIND: '127.0.0.1', HA_PORT: String(this.frontendPort), POSTGRES_PASSWORD: this.postgresPassword }
        : {
            FRONTEND_BIND: '127.0.0.1',
            FRONTEND_PORT: String(this.frontendPort),
            PROMETHEUS_BIND: '127.0.0.1',
            PROMETHEUS_PORT: String(this.prometheusPort),
          };
    const env = { ...process.env, INTERNAL_TOKEN: this.token, ...published };
    const profile = this.profile ? ['--profile', this.profile] : [];
    return runCommand(command, [...prefix, '-f', COMPOSE_FILE, '-p', this.project, ...profile, ...args], {
      env,
      timeoutMs,
    });
  }

  /** Starts every service (with the ha profile: its load balancer, which pulls in the rest). */
  async up(): Promise<void> {
    await this.run(['up', '-d', '--no-build', ...(this.profile === 'ha' ? ['ha-lb'] : [])]);
  }

  async down(options: { readonly volumes: boolean }): Promise<void> {
    await this.run(['down', '--remove-orphans', ...(options.volumes ? ['--volumes'] : [])]);
  }

  async containerId(service: AnyService): Promise<string> {
    const ids = lines(await docker(['ps', '-a', '-q', ...this.filter(), '--filter', this.label('service', service)]));
    if (ids.length !== 1) throw new Error(`expected one container for ${service}, found ${ids.length}`);
    return ids[0];
  }

  /** A running container's health (`starting`, `healthy`, `unhealthy`), else its state (`exited`, …). */
  async health(service: AnyService): Promise<string> {
    const format = '{{if and .State.Running .State.Health}}{{.State.Health.Status}}{{else}}{{.State.Status}}{{end}}';
    return (await docker(['inspect', '-f', format, await this.containerId(service)])).stdout.trim();
  }

  /** Waits until docker reports every listed container healthy (its compose health check passes). */
  async waitHealthy(services: readonly AnyService[] = this.services, timeoutMs = 180_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(services.map(async (service) => `${service}=${await this.health(service)}`));
      if (states.every((state) => state.endsWith('=healthy'))) return;
      if (Date.now() > deadline) {
        const logs = (await this.run(['logs', '--no-color', '--tail', '20'])).stdout;
        throw new Error(`not healthy after ${timeoutMs} ms: ${states.join(' ')}\n${logs}`);
      }
      await sleep(500);
    }
  }

  async kill(service: AnyService): Promise<void> {
    await docker(['kill', await this.containerId(service)]);
  }

  async start(service: ServiceName): Promise<void> {
    await docker(['start', await this.containerId(service)]);
  }

  /** GET `path` on the service's own port from inside its container, with the token; returns `data`. */
  async internal<T>(service: ServiceName, path: string): Promise<T> {
    const out = await this.exec(service, READ_ROUTE, [path]);
    const { status, body } = JSON.parse(out) as { status: number; body: { data: T } };
    if (status !== 200) throw new Error(`${service} GET ${path}: ${status} ${JSON.stringify(body)}`);
    return body.data;
  }

  /** What a (re)starting replica holds the moment its /health first answers 200; see FIRST_HEALTHY_STATE. */
  async firstHealthyState<T>(service: ServiceName, timeoutMs = 120_000): Promise<T> {
    return JSON.parse(await this.exec(service, FIRST_HEALTHY_STATE, [], timeoutMs)) as T;
  }

  /** Published ports of a service's container, as `docker port` prints them. */
  async publishedPorts(service: AnyService): Promise<string[]> {
    return lines(await docker(['port', await this.containerId(service)]));
  }

  async volumes(): Promise<string[]> {
    return this.union(['volume', 'ls', '-q']);
  }

  /** Everything of this project the engine still has. */
  async leftovers(): Promise<Leftovers> {
    return {
      containers: lines(await docker(['ps', '-a', '-q', ...this.filter()])),
      networks: await this.union(['network', 'ls', '-q']),
      volumes: await this.volumes(),
    };
  }

  private async exec(service: ServiceName, script: string, args: readonly string[], timeoutMs = 30_000) {
    const id = await this.containerId(service);
    return (await runCommand('docker', ['exec', '-i', id, 'node', '-', ...args], { input: script, timeoutMs })).stdout;
  }

  private label(key: string, value: string): string {
    return `label=com.docker.compose.${key}=${value}`;
  }

  private filter(): string[] {
    return ['--filter', this.label('project', this.project)];
  }

  /** Objects carrying the project's label or its name prefix (compose names them `<project>_<name>`). */
  private async union(list: readonly string[]): Promise<string[]> {
    const labelled = lines(await docker([...list, ...this.filter()]));
    const named = lines(await docker([...list, '--filter', `name=${this.project}_`]));
    return [...new Set([...labelled, ...named])];
  }
}
