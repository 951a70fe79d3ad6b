import { Histogram, Registry } from 'prom-client';
import { CellHistogram } from './cell-histogram';

const BOUNDS = [0.001, 0.01, 0.1, 1];
const OBSERVED: [Record<string, string | number>, number][] = [
  [{ method: 'GET', route: '/stocks/:name', status: 200 }, 0.0004],
  [{ method: 'GET', route: '/stocks/:name', status: 200 }, 0.001], // on a bound: counted in it
  [{ method: 'POST', route: '/orders', status: 409 }, 0.05],
  [{ method: 'GET', route: '/stocks/:name', status: 200 }, 0.3],
  [{ method: 'POST', route: '/orders', status: 409 }, 7], // above every bound: +Inf only
  [{ method: 'GET', route: 'a "quoted"\\route', status: 404 }, 0.02],
];

describe(CellHistogram.name, () => {
  /** The same observations through prom-client's own Histogram and through ours, each in its own registry. */
  async function bothExpositions(): Promise<{ theirs: Registry; ours: Registry; cell: CellHistogram }> {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({
      name: 'h_seconds',
      help: 'help text',
      labelNames: ['method', 'route', 'status'],
      buckets: BOUNDS,
      registers: [theirs],
    });
    const cell = new CellHistogram('h_seconds', 'help text', BOUNDS, ours);
    const cells = new Map<string, ReturnType<CellHistogram['cell']>>();
    for (const [labels, value] of OBSERVED) {
      reference.observe(labels, value);
      const key = JSON.stringify(labels);
      if (!cells.has(key)) cells.set(key, cell.cell(labels));
      cells.get(key)?.observe(value);
    }
    return { theirs, ours, cell };
  }

  it('exposes the same text and JSON as prom-client’s Histogram fed the same observations', async () => {
    const { theirs, ours } = await bothExpositions();
    const text = await ours.metrics();
    expect(text).toBe(await theirs.metrics());
    expect(text).toContain('h_seconds_bucket{le="0.001",method="GET",route="/stocks/:name",status="200"} 2\n');
    expect(text).toContain('h_seconds_bucket{le="1",method="POST",route="/orders",status="409"} 1\n');
    expect(text).toContain('h_seconds_bucket{le="+Inf",method="POST",route="/orders",status="409"} 2\n');
    expect(text).toContain('h_seconds_sum{method="POST",route="/orders",status="409"} 7.05\n');
    // prom-client's samples also carry an empty exemplar; the rest is the same.
    const withoutExemplars = (metrics: Awaited<ReturnType<Registry['getMetricsAsJSON']>>) =>
      metrics.map(({ values, ...metric }) => ({
        ...metric,
        values: values.map(({ metricName, labels, value }: { metricName?: string; labels: object; value: number }) => ({
          metricName,
          labels,
          value,
        })),
      }));
    expect(withoutExemplars(await ours.getMetricsAsJSON())).toEqual(withoutExemplars(await theirs.getMetricsAsJSON()));
  });

  it('does not count a value that is not a finite number', async () => {
    const ours = new Registry();
    const cell = new CellHistogram('h_seconds', 'help text', BOUNDS, ours).cell({ route: '/x' });
    cell.observe(Number.NaN);
    cell.observe(Number.POSITIVE_INFINITY);
    cell.observe(0.5);
    expect(await ours.metrics()).toContain('h_seconds_sum{route="/x"} 0.5\nh_seconds_count{route="/x"} 1\n');
  });

  it('resets every count to zero and keeps its label sets', async () => {
    const { ours, cell } = await bothExpositions();
    cell.reset();
    const lines = (await ours.metrics()).split('\n').filter((line) => line.startsWith('h_seconds_'));
    expect(lines).toHaveLength(3 * (BOUNDS.length + 3));
    expect(lines.every((line) => line.endsWith(' 0'))).toBe(true);
  });
});
