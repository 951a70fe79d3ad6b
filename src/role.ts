import { INestApplication, Type } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { Role } from './config/app-config';
import { FrontendModule } from './frontend/frontend.module';
import { setUpSwagger } from './frontend/swagger';
import { OrderModule } from './order/order.module';

export interface RoleBoot {
  rootModule: Type<unknown>;
  /** Extra set-up on the created application, before it listens. */
  configure?: (app: INestApplication) => void;
}

/** What each role boots; nothing else in the code asks which role it is. */
export const ROLE_BOOTS: Record<Role, RoleBoot> = {
  frontend: { rootModule: FrontendModule, configure: setUpSwagger },
  catalog: { rootModule: CatalogModule },
  order: { rootModule: OrderModule },
};
