import { MODULE_METADATA } from '@nestjs/common/constants';
import { FrontendModule } from './frontend.module';
import { OrdersController } from './orders/orders.controller';
import { StocksController } from './stocks/stocks.controller';

/** Nest adds routes controller by controller, each in the order its methods are declared. */
describe('frontend route order', () => {
  it('puts lookups, then trades, ahead of every other route: express tries them in the order they were added', () => {
    const controllers = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, FrontendModule) as unknown[];
    const stockRoutes = Object.getOwnPropertyNames(StocksController.prototype).filter((name) => name !== 'constructor');
    expect([controllers.slice(0, 2), stockRoutes]).toEqual([
      [StocksController, OrdersController],
      ['quote', 'list'],
    ]);
  });
});
