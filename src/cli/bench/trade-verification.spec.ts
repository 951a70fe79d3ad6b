import { amountFor, checkTradeRun, nextFillAmount, orderQueryRequests, tradeRequests } from './trade-verification';

describe(checkTradeRun.name, () => {
  it('passes when the 2xx count equals the log growth and followers hold the leader last number', () => {
    expect(checkTradeRun(10, 4, 14, [14, 14])).toEqual({ logGrowth: 10, followersCaughtUp: true, verified: true });
  });

  it('fails when the log grew by more than the acknowledged trades', () => {
    expect(checkTradeRun(10, -1, 10, [10, 10]).verified).toBe(false);
  });

  it('fails when a follower lags', () => {
    expect(checkTradeRun(10, 4, 14, [14, 13])).toEqual({ logGrowth: 10, followersCaughtUp: false, verified: false });
  });
});

describe(tradeRequests.name, () => {
  it('sells one share of a stock before buying it back', () => {
    const sut = tradeRequests().map((request) => JSON.parse(request.body ?? '{}'));
    expect(sut[0]).toEqual({ name: 'GameStart', quantity: 1, type: 'sell' });
    expect(sut[1]).toEqual({ name: 'GameStart', quantity: 1, type: 'buy' });
    expect(sut.filter((body) => body.type === 'buy')).toHaveLength(sut.length / 2);
  });
});

describe(orderQueryRequests.name, () => {
  it('spreads paths over 0..lastNumber', () => {
    const sut = orderQueryRequests(999, 4).map((request) => request.path);
    expect(sut).toEqual(['/orders/0', '/orders/250', '/orders/500', '/orders/750']);
  });

  it('never asks for more orders than exist', () => {
    expect(orderQueryRequests(2, 500).map((request) => request.path)).toEqual(['/orders/0', '/orders/1', '/orders/2']);
  });
});

describe(amountFor.name, () => {
  it('scales the warm-up rate to the duration, with at least five requests per connection', () => {
    expect(amountFor(400, 3, 10)).toBe(1200);
    expect(amountFor(1, 3, 50)).toBe(250);
  });
});

describe(nextFillAmount.name, () => {
  it('fills what is missing in steps of a tenth of the target', () => {
    expect(nextFillAmount(0, 100_000)).toBe(10_000);
    expect(nextFillAmount(95_500, 100_000)).toBe(4500);
    expect(nextFillAmount(1750, 2000, 10)).toBe(200);
  });

  it('answers 0 once the log holds the target', () => {
    expect(nextFillAmount(2000, 2000)).toBe(0);
    expect(nextFillAmount(4523, 2000)).toBe(0);
  });
});
