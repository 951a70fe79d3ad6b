import { applyTradeRule } from './trade-rule';

describe('applyTradeRule', () => {
  it('lowers the quantity on a buy and adds to the volume', () => {
    expect(applyTradeRule({ quantity: 10, volume: 5 }, 'buy', 3)).toEqual({ quantity: 7, volume: 8 });
  });

  it('allows buying exactly what is available', () => {
    expect(applyTradeRule({ quantity: 3, volume: 0 }, 'buy', 3)).toEqual({ quantity: 0, volume: 3 });
  });

  it('refuses a buy larger than what is available', () => {
    expect(applyTradeRule({ quantity: 2, volume: 0 }, 'buy', 3)).toBeNull();
  });

  it('raises the quantity on a sell and adds to the volume', () => {
    expect(applyTradeRule({ quantity: 0, volume: 9 }, 'sell', 4)).toEqual({ quantity: 4, volume: 13 });
  });
});
