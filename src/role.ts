import { INestApplication, Type } from '@nestjs/common';
import { CatalogModule } from './catalog/catalog.module';
import { Role } from './config/app-config';
import { BODY_LIMIT_BYTES } from './config/tuning';
import { FrontendModule } from './frontend/frontend.module';
import { setUpSwagger } from './frontend/swagger';
import { OrderModule } from './order/order.module';

export interface RoleBoot {
  rootModule: Type<unknown>;
  /** Requests with larger bodies are refused with 413 before any handler runs. */
  bodyLimitBytes: number;
  /** Extra set-up on the created application, before it listens. */
  configure?: (app: INestApplication) => void;
}

/** What each role boots; nothing else in the code asks which role it is. */
export const ROLE_BOOTS: Record<Role, RoleBoot> = {
  frontend: { rootModule: FrontendModule, bodyLimitBytes: BODY_LIMIT_BYTES.frontend, configure: setUpSwagger },
  catalog: { rootModule: CatalogModule, bodyLimitBytes: BODY_LIMIT_BYTES.catalog },
  order: { rootModule: OrderModule, bodyLimitBytes: BODY_LIMIT_BYTES.order },
};
