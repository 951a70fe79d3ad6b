// The status page: polls GET /status/cluster every second and redraws. Plain DOM, no framework;
// every value goes in through textContent, never as HTML.
'use strict';

const REFRESH_MS = 1000;
const SVG = 'http://www.w3.org/2000/svg';
const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

const time = (ms) => new Date(ms).toLocaleTimeString([], { hour12: false });
const fixed = (value, digits) => (value === null || value === undefined ? '–' : value.toFixed(digits));

function roleOf(process) {
  if (process.role !== 'order') return process.role;
  if (!process.replica) return 'replica';
  return process.replica.leading ? 'leader' : process.health === 'catching_up' ? 'catching up' : 'follower';
}

function renderLeader(leader) {
  const badge = $('leader');
  badge.className = leader ? '' : 'none';
  badge.textContent = leader ? `leader: replica ${leader.id} · epoch ${leader.epoch}` : 'no leader';
  badge.dataset.leaderId = leader ? String(leader.id) : '';
}

function renderProcesses(processes) {
  const rows = processes.map((process) => {
    const replica = process.replica;
    const name = el('td', {}, process.name);
    if (replica?.leading) name.append(el('span', { class: 'star', title: 'leader' }, '★'));
    const cells = [replica?.epoch, replica?.lastNumber, replica?.commitNumber, replica?.lag];
    return el(
      'tr',
      { 'data-process': process.name, 'data-health': process.health, class: replica?.leading ? 'leader' : '' },
      name,
      el('td', {}, roleOf(process)),
      el('td', { class: `health ${process.health}` }, process.health.replace('_', ' ')),
      ...cells.map((value) => el('td', { class: 'num' }, value === undefined || value === null ? '' : String(value))),
    );
  });
  $('processes').replaceChildren(...rows);
}

function renderCache(cache) {
  $('hit-ratio').textContent = cache.hitRatio === null ? '–' : `${Math.round(cache.hitRatio * 100)} %`;
  $('cache-counters').textContent = cache.enabled
    ? `${cache.hits} hits · ${cache.misses} misses · ${cache.evictions} evictions · ` +
      `${cache.invalidations} invalidations · ${cache.entries.length}/${cache.capacity} entries`
    : 'cache disabled (CACHE_ENABLED=false)';
  const items = cache.entries.map((stock) =>
    el(
      'li',
      { 'data-stock': stock.name },
      `${stock.name} · ${stock.price.toFixed(2)} · qty ${stock.quantity} · v${stock.version}`,
    ),
  );
  $('cache-entries').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, 'empty')]));
}

/** A small line chart of one value per second; gaps where a second had no value. */
function renderChart(id, title, unit, values, digits) {
  const width = 300;
  const height = 80;
  const known = values.filter((value) => value !== null);
  const top = Math.max(1e-9, ...known) * 1.15;
  const x = (i) => (i / Math.max(1, values.length - 1)) * width;
  const y = (value) => height - 2 - (value / top) * (height - 6);
  let path = '';
  values.forEach((value, i) => {
    if (value === null) return;
    path += `${path && values[i - 1] !== null ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`;
  });
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none' });
  chart.append(svg('line', { x1: 0, x2: width, y1: height - 1, y2: height - 1, stroke: '#e2e6ea' }));
  chart.append(svg('path', { d: path || 'M0,0', fill: 'none', stroke: '#2b6cb0', 'stroke-width': 2 }));
  const last = [...values].reverse().find((value) => value !== null) ?? null;
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
  const peak = known.length ? Math.max(...known) : null;
  $(id).replaceChildren(
    el('h3', {}, title),
    el('div', { class: 'value' }, `${fixed(last, digits)} ${unit}`),
    el('div', { class: 'sub' }, `last minute: mean ${fixed(mean, digits)} · max ${fixed(peak, digits)} ${unit}`),
    chart,
  );
}

function renderEvents(events) {
  const items = events.map((event) =>
    el(
      'li',
      { class: event.kind },
      el('time', {}, time(event.at)),
      event.count > 1 ? `${event.text} (×${event.count})` : event.text,
    ),
  );
  $('events').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, 'nothing yet')]));
}

function render(status) {
  renderLeader(status.leader);
  renderProcesses(status.processes);
  renderCache(status.cache);
  const { trades, tradeLatencyMs, lookupLatencyMs } = status.traffic;
  renderChart('chart-trades', 'Trades per second', '/s', trades, 0);
  renderChart('chart-lookup-latency', 'Lookup latency (mean per second)', 'ms', lookupLatencyMs, 2);
  renderChart('chart-trade-latency', 'Trade latency (mean per second)', 'ms', tradeLatencyMs, 2);
  renderEvents(status.events);
  $('updated').textContent = `updated ${time(status.at)}`;
  document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes ?? 0) + 1);
}

async function refresh() {
  try {
    const response = await fetch('/status/cluster', { cache: 'no-store' });
    if (!response.ok) throw new Error(`GET /status/cluster answered ${response.status}`);
    render((await response.json()).data);
    $('connection').textContent = 'live';
    $('connection').className = '';
  } catch (error) {
    $('connection').textContent = `frontend unreachable (${error.message})`;
    $('connection').className = 'lost';
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

void refresh();
