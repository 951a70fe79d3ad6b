import { StockView } from '../../shared/contracts';
import { Stock } from '../ledger/stock.entity';

export function toStockView(stock: Stock): StockView {
  return {
    name: stock.name,
    price: stock.price,
    quantity: stock.quantity,
    volume: stock.volume,
    version: stock.version,
  };
}
