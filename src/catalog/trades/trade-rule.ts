import { TradeType } from '../../shared/contracts';
import { Holding } from '../ledger/catalog-ledger';

/**
 * The trading rule, nothing else: a buy needs enough available quantity and lowers it,
 * a sell raises it; both add to the volume. Returns null when the buy cannot be filled.
 */
export function applyTradeRule(holding: Holding, type: TradeType, quantity: number): Holding | null {
  switch (type) {
    case 'buy':
      if (holding.quantity < quantity) return null;
      return { quantity: holding.quantity - quantity, volume: holding.volume + quantity };
    case 'sell':
      return { quantity: holding.quantity + quantity, volume: holding.volume + quantity };
  }
}
