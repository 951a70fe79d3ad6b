import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { CatalogModule } from './catalog/catalog.module';
import { FrontendModule } from './frontend/frontend.module';
import { OrderModule } from './order/order.module';

/**
 * A root module's own routes in the order Nest adds them to express: controller by controller, each
 * in the order its methods are declared. Express tries a request against each in that order.
 */
function routeTable(rootModule: Type<unknown>): string[] {
  const controllers = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, rootModule) as Type<unknown>[];
  return controllers.flatMap((controller) => {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string;
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (name === 'constructor' || path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      return [`${method} ${`/${prefix}/${path}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1')}`];
    });
  });
}

describe('route order', () => {
  it.each<[string, Type<unknown>, string[]]>([
    ['frontend: lookups, then trades', FrontendModule, ['GET /stocks/:name', 'GET /stocks', 'POST /orders']],
    ['catalog: trades', CatalogModule, ['POST /internal/trades']],
    [
      'order: the leader’s orders, then a follower’s appends',
      OrderModule,
      ['POST /internal/orders', 'GET /internal/orders/:number', 'POST /internal/replica/append'],
    ],
  ])('%s come before every other route', (_role, rootModule, first) => {
    const table = routeTable(rootModule);
    expect([table.slice(0, first.length), table.includes('GET /health')]).toEqual([first, true]);
  });
});
