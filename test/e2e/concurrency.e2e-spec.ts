import { http, HttpResponse, startCluster, TestCluster } from './support';

/**
 * Many clients buying the same stock at once: the catalog never oversells, every success gets its
 * own transaction number with no gap, and the order log agrees with the answers.
 */

const STOCK = 'GameStart';
const CLIENTS = 50;
const UNITS = 3;
const SEEDED = 100;
const WINNERS = Math.floor(SEEDED / UNITS); // 33
const LEFT = SEEDED - WINNERS * UNITS; // 1

describe('concurrent trades', () => {
  let cluster: TestCluster;
  let answers: HttpResponse[];

  beforeAll(async () => {
    cluster = await startCluster();
    const buy = { name: STOCK, quantity: UNITS, type: 'buy' };
    answers = await Promise.all(
      Array.from({ length: CLIENTS }, () =>
        http('POST', `${cluster.urls.frontend}/orders`, { body: buy, timeoutMs: 30_000 }),
      ),
    );
  }, 90_000);

  afterAll(async () => {
    await cluster?.stopAll();
  });

  const numbersOf = (responses: HttpResponse[]): number[] =>
    responses.map((res) => (res.body as { data: { transaction_number: number } }).data.transaction_number);

  it(`lets exactly ${WINNERS} of ${CLIENTS} buys of ${UNITS} succeed and refuses the rest with 409`, () => {
    const unexpected = answers.filter((res) => res.status !== 200 && res.status !== 409);
    expect(unexpected.map((res) => ({ status: res.status, body: res.body }))).toEqual([]);
    const tally: Record<number, number> = {};
    for (const res of answers) tally[res.status] = (tally[res.status] ?? 0) + 1;
    expect(tally).toEqual({ 200: WINNERS, 409: CLIENTS - WINNERS });
    for (const res of answers.filter((r) => r.status === 409)) {
      expect(res.body).toStrictEqual({ error: { code: 409, message: 'not enough stock' } });
    }
    for (const res of answers.filter((r) => r.status === 200)) {
      expect(res.body).toStrictEqual({ data: { transaction_number: expect.any(Number) } });
    }
  });

  it('leaves the stock at what the winners did not take, with their volume', async () => {
    const list = await http('GET', `${cluster.urls.frontend}/stocks`);
    expect(list.status).toBe(200);
    const stock = (list.body.data as Array<Record<string, unknown>>).find((s) => s.name === STOCK);
    expect(stock).toStrictEqual({ name: STOCK, price: 15.99, quantity: LEFT, volume: WINNERS * UNITS });
    const quote = await http('GET', `${cluster.urls.frontend}/stocks/${STOCK}`);
    expect(quote.body).toStrictEqual({ data: { name: STOCK, price: 15.99, quantity: LEFT } });
  });

  it('numbers the winners 0 to 32 with no gap and no duplicate', () => {
    const numbers = numbersOf(answers.filter((res) => res.status === 200)).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(Array.from({ length: WINNERS }, (_, index) => index));
    for (let index = 1; index < numbers.length; index++) expect(numbers[index]).toBe(numbers[index - 1] + 1);
  });

  it('records every winning order as placed, and nothing after the last', async () => {
    const numbers = numbersOf(answers.filter((res) => res.status === 200));
    expect(numbers).toHaveLength(WINNERS);
    const orders = await Promise.all(numbers.map((n) => http('GET', `${cluster.urls.frontend}/orders/${n}`)));
    orders.forEach((res, index) => {
      expect({ status: res.status, body: res.body }).toStrictEqual({
        status: 200,
        body: { data: { number: numbers[index], name: STOCK, type: 'buy', quantity: UNITS } },
      });
    });
    const next = await http('GET', `${cluster.urls.frontend}/orders/${WINNERS}`);
    expect(next.body).toStrictEqual({ error: { code: 404, message: 'order not found' } });
  });

  it('still sells the last unit and gives it the next number', async () => {
    const res = await http('POST', `${cluster.urls.frontend}/orders`, {
      body: { name: STOCK, quantity: LEFT, type: 'buy' },
    });
    expect(res.body).toStrictEqual({ data: { transaction_number: WINNERS } });
    const empty = await http('POST', `${cluster.urls.frontend}/orders`, {
      body: { name: STOCK, quantity: 1, type: 'buy' },
    });
    expect(empty.body).toStrictEqual({ error: { code: 409, message: 'not enough stock' } });
  });
});
