import { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { CatalogModule } from './catalog/catalog.module';
import { OrderModule } from './order/order.module';
import { SchemaPipe } from './shared/validation/schema.pipe';

const CLIENT_VALUES = new Set([
  RouteParamtypes.BODY,
  RouteParamtypes.QUERY,
  RouteParamtypes.PARAM,
  RouteParamtypes.HEADERS,
]);

type Imported = Type<unknown> | DynamicModule | Promise<DynamicModule>;

/** The controllers a module and the modules it imports declare. */
function controllersOf(module: Imported): Type<unknown>[] {
  if (module instanceof Promise) return [];
  const type = 'module' in module ? module.module : module;
  const own = [
    ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type<unknown>[] | undefined) ?? []),
    ...('module' in module ? (module.controllers ?? []) : []),
  ];
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as Imported[] | undefined) ?? []),
    ...('module' in module ? ((module.imports ?? []) as Imported[]) : []),
  ];
  return [...own, ...imports.flatMap(controllersOf)];
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes: unknown[];
}

/** `Controller.method(#index)` for every value from the request that reaches a handler without a SchemaPipe. */
function unvalidated(controller: Type<unknown>): string[] {
  return Object.getOwnPropertyNames(controller.prototype).flatMap((method) => {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
    return Object.entries(args)
      .filter(([key]) => CLIENT_VALUES.has(Number(key.split(':')[0]) as RouteParamtypes))
      .filter(([, arg]) => !arg.pipes.some((pipe) => pipe instanceof SchemaPipe))
      .map(([, arg]) => `${controller.name}.${method}(#${arg.index})`);
  });
}

// Only the frontend has a global validation pipe: in the other roles a value a handler reads from
// the request is checked by the SchemaPipe on its parameter, or by nothing.
describe.each([
  ['catalog', CatalogModule],
  ['order', OrderModule],
])("the %s's routes", (_role, rootModule) => {
  it('validate every body, query, path parameter and header they read with a SchemaPipe', () => {
    const controllers = controllersOf(rootModule);
    expect(controllers.length).toBeGreaterThanOrEqual(3);
    expect(controllers.flatMap(unvalidated)).toEqual([]);
  });
});
