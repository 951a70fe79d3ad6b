import { REQUEST_KINDS, REQUEST_LABELS } from '../load/load.types';
import { binPoints, cacheCells, cacheCounterPoints, eventPoints, latencyPoints } from './chart-data';
import { CacheTimeline, CrashExperiment, LatencyRun } from './eval-results.types';
import { ChartSpec } from './render-svg';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const TYPE_ORDER = REQUEST_KINDS.map((kind) => REQUEST_LABELS[kind]);
const KILL_COLOR = '#d62728';
const RESTART_COLOR = '#2ca02c';

export function latencyVsPChart(runs: readonly LatencyRun[]): ChartSpec {
  return {
    $schema: SCHEMA,
    title: 'Latency per request type vs trade probability p (5 clients)',
    data: { values: latencyPoints(runs) },
    facet: { column: { field: 'type', type: 'nominal', sort: TYPE_ORDER, title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 220,
      height: 200,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'p', type: 'quantitative', title: 'p', scale: { domain: [0, 0.8] } },
        y: { field: 'ms', type: 'quantitative', title: 'latency (ms)' },
        color: { field: 'cache', type: 'nominal', title: null },
        strokeDash: { field: 'statistic', type: 'nominal', title: null },
      },
    },
  };
}

export function cacheBenefitChart(runs: readonly LatencyRun[]): ChartSpec {
  const lookups = latencyPoints(runs).filter((point) => point.type === REQUEST_LABELS.lookup);
  return {
    $schema: SCHEMA,
    title: 'Lookup latency with and without the cache',
    data: { values: lookups },
    facet: { column: { field: 'statistic', type: 'nominal', title: null } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 260,
      height: 200,
      mark: 'bar',
      encoding: {
        x: { field: 'p', type: 'ordinal', title: 'p' },
        xOffset: { field: 'cache' },
        y: { field: 'ms', type: 'quantitative', title: 'lookup latency (ms)' },
        color: { field: 'cache', type: 'nominal', title: null },
      },
    },
  };
}

export function cacheTimelineChart(timeline: CacheTimeline): ChartSpec {
  return {
    $schema: SCHEMA,
    title: `What the cache holds over time (CACHE_SIZE=${timeline.capacity}, p = ${timeline.p})`,
    width: 640,
    height: 260,
    data: { values: cacheCells(timeline) },
    mark: 'rect',
    encoding: {
      x: { field: 't0', type: 'quantitative', title: 'time (s)' },
      x2: { field: 't1' },
      y: { field: 'stock', type: 'nominal', sort: 'ascending', title: null },
      color: {
        field: 'rank',
        type: 'ordinal',
        title: 'LRU position (1 = most recent)',
        scale: { scheme: 'blues', reverse: true },
      },
    },
  };
}

export function cacheCountersChart(timeline: CacheTimeline): ChartSpec {
  return {
    $schema: SCHEMA,
    title: `Cache counters over time (CACHE_SIZE=${timeline.capacity})`,
    width: 640,
    height: 220,
    data: { values: cacheCounterPoints(timeline) },
    mark: 'line',
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (s)' },
      y: { field: 'value', type: 'quantitative', title: 'count since start' },
      color: { field: 'counter', type: 'nominal', title: null },
    },
  };
}

function crashLayers(crash: CrashExperiment, series: object): object[] {
  const events = eventPoints(crash.events);
  return [
    series,
    {
      data: { values: events.filter((event) => event.kind === 'kill') },
      mark: { type: 'rule', color: KILL_COLOR, strokeWidth: 1.5 },
      encoding: { x: { field: 't', type: 'quantitative' } },
    },
    {
      data: { values: events.filter((event) => event.kind === 'restart') },
      mark: { type: 'rule', color: RESTART_COLOR, strokeDash: [4, 3] },
      encoding: { x: { field: 't', type: 'quantitative' } },
    },
    {
      data: { values: events.filter((event) => event.kind === 'kill') },
      mark: {
        type: 'text',
        color: KILL_COLOR,
        angle: 270,
        align: 'right',
        baseline: 'bottom',
        dx: -4,
        dy: -3,
        fontSize: 9,
      },
      encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
    },
  ];
}

function crashChart(crash: CrashExperiment, title: string, field: string, axis: string, log: boolean): ChartSpec {
  const series = {
    data: { values: binPoints(crash.bins, crash.binSeconds) },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.2 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time since the clients started (s)' },
      y: { field, type: 'quantitative', title: axis, scale: log ? { type: 'log' } : {} },
      color: { field: 'type', type: 'nominal', sort: TYPE_ORDER, title: null },
    },
  };
  return { $schema: SCHEMA, title, width: 720, height: 260, layer: crashLayers(crash, series) } as ChartSpec;
}

export function crashLatencyChart(crash: CrashExperiment): ChartSpec {
  const title = `Latency during replica crashes (max per ${crash.binSeconds} s; red: SIGKILL, green: restart)`;
  return crashChart(crash, title, 'maxMs', 'max latency (ms, log scale)', true);
}

export function crashThroughputChart(crash: CrashExperiment): ChartSpec {
  const title = 'Completed requests per second during replica crashes (red: SIGKILL, green: restart)';
  return crashChart(crash, title, 'perSecond', 'requests / s', false);
}
