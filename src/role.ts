import { INestApplication, Type } from '@nestjs/common';
import { Role } from './config/app-config';
import { BODY_LIMIT_BYTES } from './config/tuning';

/** A role's code: its root module and what it adds to the created application. */
export interface RoleCode {
  rootModule: Type<unknown>;
  /** Extra set-up on the created application, before it listens. */
  configure?: (app: INestApplication) => void;
}

export interface RoleBoot {
  /** Requests with larger bodies are refused with 413 before any handler runs. */
  bodyLimitBytes: number;
  /**
   * Loads the role's code on demand: a process loads no other role's modules (the frontend no
   * TypeORM or sqlite3), 12–27 MB less resident memory each (docs/PERFORMANCE.md).
   */
  load: () => Promise<RoleCode>;
}

/** What each role boots; nothing else in the code asks which role it is. */
export const ROLE_BOOTS: Record<Role, RoleBoot> = {
  frontend: {
    bodyLimitBytes: BODY_LIMIT_BYTES.frontend,
    load: async () => {
      const [{ FrontendModule }, { setUpSwagger }] = await Promise.all([
        import('./frontend/frontend.module'),
        import('./frontend/swagger'),
      ]);
      return { rootModule: FrontendModule, configure: setUpSwagger };
    },
  },
  catalog: {
    bodyLimitBytes: BODY_LIMIT_BYTES.catalog,
    load: async () => ({ rootModule: (await import('./catalog/catalog.module')).CatalogModule }),
  },
  order: {
    bodyLimitBytes: BODY_LIMIT_BYTES.order,
    load: async () => ({ rootModule: (await import('./order/order.module')).OrderModule }),
  },
};
