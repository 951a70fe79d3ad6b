import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ChaosOptions } from './chaos-options';
import { ClientCounts } from './chaos-clients';
import { ClientSummary, CrashEvent, KillEvent } from './chaos.types';
import { SettleResult } from './cluster-state';
import { InvariantResult } from './invariants.types';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
  readonly memoryGb: number;
  readonly date: string;
}

export interface ChaosReport {
  readonly passed: boolean;
  /** `postgres`: 'local' (a server of the run's own) or 'url' (the URL is not written down). */
  readonly config: Omit<ChaosOptions, 'help' | 'logs' | 'postgres'> & { readonly postgres?: 'local' | 'url' };
  /** Where the catalogs kept their stocks. */
  readonly storage: string;
  readonly machine: MachineInfo;
  /** Seconds the clients traded, and the whole run including start-up and checks. */
  readonly tradingSeconds: number;
  readonly totalSeconds: number;
  readonly settle: SettleResult;
  readonly counts: ClientCounts & {
    readonly kills: number;
    readonly leaderKills: number;
    readonly pauses: number;
    readonly leaderPauses: number;
    readonly crashes: number;
    readonly logEntries: number;
    readonly journalTrades?: number;
    readonly restocks?: number;
  };
  readonly kills: readonly KillEvent[];
  readonly crashes: readonly CrashEvent[];
  readonly clients: readonly ClientSummary[];
  readonly invariants: readonly InvariantResult[];
}

export function machineInfo(now = new Date()): MachineInfo {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${release()}`,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    date: now.toISOString(),
  };
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '–' : (ms / 1000).toFixed(1));

export function summaryLines(report: ChaosReport): string[] {
  const c = report.counts;
  return [
    `${report.passed ? 'PASS' : 'FAIL'}: ${report.tradingSeconds.toFixed(0)} s of trading, seed ${report.config.seed}`,
    `trades: ${c.acknowledged} acknowledged, ${c.refused} refused (409), ${c.rejected} unexpected answers, ` +
      `${c.pending} unresolved; ${c.retried} keys retried, ${c.attempts} requests, ` +
      `${c.frontendSwitches} moves to another frontend`,
    `kills: ${c.kills} (${c.leaderKills} of the leader), pauses: ${c.pauses} (${c.leaderPauses} of the leader), ` +
      `${c.crashes} crashes on their own; ` +
      `log ${c.logEntries} entries, journal ${c.journalTrades ?? 'unreadable'}, restocks ${c.restocks ?? 'unreadable'}`,
    `settle: ${report.settle.settled ? `${seconds(report.settle.ms)} s` : `FAILED (${report.settle.problem ?? ''})`}`,
    ...report.invariants.flatMap((inv) => [
      `  ${inv.pass ? 'PASS' : 'FAIL'} ${inv.id}. ${inv.name}: ${inv.summary}`,
      ...inv.violations.slice(0, 10).map((line) => `       - ${line}`),
    ]),
  ];
}

function killRows(kills: readonly KillEvent[]): string[] {
  return kills.map((kill) => {
    const downFor = kill.healthyAt === undefined ? '–' : seconds(kill.healthyAt - kill.at);
    const victim = kill.wasLeader ? `${kill.process} (leader)` : kill.process;
    const action = kill.action === 'kill' ? 'SIGKILL' : 'SIGSTOP';
    return `| ${seconds(kill.at)} | ${action} | ${victim} | ${kill.target} | ${downFor} | ${kill.problem ?? ''} |`;
  });
}

/** The --frontends, --catalogs and --postgres flags of a run, each followed by a space ('' for one of each). */
function topologyFlags(cfg: ChaosReport['config']): string {
  const flags = [
    cfg.frontends > 1 ? `--frontends ${cfg.frontends}` : '',
    cfg.catalogs > 1 ? `--catalogs ${cfg.catalogs}` : '',
    cfg.postgres ? `--postgres ${cfg.postgres === 'local' ? 'local' : 'URL'}` : '',
  ].filter(Boolean);
  return flags.map((flag) => `${flag} `).join('');
}

export function chaosMarkdown(report: ChaosReport): string {
  const { config: cfg, machine: m, counts: c } = report;
  const options = Object.entries(cfg).map(([key, value]) => `| ${key} | ${String(value)} |`);
  const invariantRows = report.invariants.map(
    (inv) => `| ${inv.id} | ${inv.name} | **${inv.pass ? 'PASS' : 'FAIL'}** | ${inv.summary} |`,
  );
  const violations = report.invariants
    .filter((inv) => !inv.pass)
    .flatMap((inv) => [`### ${inv.id}. ${inv.name}`, '', ...inv.violations.map((line) => `- ${line}`), '']);
  const crashes = report.crashes.map((crash) => `- ${seconds(crash.at)} s: ${crash.process} ${crash.exit}`);
  return [
    '# Chaos run',
    '',
    `**${report.passed ? 'PASS' : 'FAIL'}**: ${report.tradingSeconds.toFixed(0)} s of trading with ${cfg.clients} clients, ` +
      `${c.kills} SIGKILLs (${c.leaderKills} of the leader)` +
      `${c.pauses > 0 ? ` and ${c.pauses} SIGSTOPs of ${cfg.pauseMs} ms (${c.leaderPauses} of the leader)` : ''}, run at ${m.date}.`,
    '',
    `Reproduce: \`npm run build && npm run chaos -- --seconds ${cfg.seconds} --clients ${cfg.clients} ` +
      topologyFlags(cfg) +
      `--kill-every-ms ${cfg.killEveryMs} --seed ${cfg.seed}${cfg.killCatalog ? ' --kill-catalog' : ''}${cfg.killFrontend ? ' --kill-frontend' : ''}` +
      `${cfg.pause ? ` --pause --pause-ms ${cfg.pauseMs}` : ''}` +
      `${cfg.restockMs > 0 ? ` --restock-ms ${cfg.restockMs} --restock-threshold ${cfg.restockThreshold}` : ''}\` ` +
      "(timing makes every run different; the seed fixes the clients' trades and the killer's picks).",
    '',
    '## Invariants',
    '',
    '| # | invariant | result | checked |',
    '|---|---|---|---|',
    ...invariantRows,
    '',
    ...(violations.length > 0 ? ['## Violations', '', ...violations] : []),
    '## Counts',
    '',
    `- keys: ${c.acknowledged} acknowledged, ${c.refused} refused (409 not enough stock), ${c.rejected} unexpected answers, ${c.pending} unresolved`,
    `- retries: ${c.retried} keys needed more than one attempt; ${c.attempts} POST /orders in all; ` +
      `${c.frontendSwitches} moves to another frontend after a connection error`,
    `- cluster: ${cfg.frontends} frontend(s), ${cfg.catalogs} catalog(s) on ${report.storage}, 3 order replicas`,
    `- order log: ${c.logEntries} entries; catalog journal: ${c.journalTrades === undefined ? 'unreadable' : `${c.journalTrades} trades`}; ` +
      `restocks: ${c.restocks === undefined ? 'unreadable' : c.restocks}${cfg.restockMs > 0 ? ` (job every ${cfg.restockMs} ms below ${cfg.restockThreshold})` : ' (restock off)'}`,
    `- settle after the run: ${report.settle.settled ? `${seconds(report.settle.ms)} s` : `did not settle (${report.settle.problem ?? ''})`}`,
    `- processes that died on their own: ${report.crashes.length}`,
    ...crashes,
    '',
    '## Faults',
    '',
    '| at (s) | fault | process | aimed at | down or frozen until healthy (s) | problem |',
    '|---|---|---|---|---|---|',
    ...killRows(report.kills),
    '',
    '## Configuration',
    '',
    '| option | value |',
    '|---|---|',
    ...options,
    '',
    '## Machine',
    '',
    `${m.cores} cores, ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; total run ${report.totalSeconds.toFixed(0)} s.`,
    '',
  ].join('\n');
}

export async function writeChaosReport(dir: string, report: ChaosReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'chaos-report.json');
  const markdown = join(dir, 'CHAOS.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(markdown, chaosMarkdown(report));
  return [json, markdown];
}
