/** How every process of a cluster is named: by the launcher, the chaos tool and the status page. */
export const CATALOG = 'catalog';
export const FRONTEND = 'frontend';

export type ReplicaName = `order-${number}`;
export type CatalogName = typeof CATALOG | `${typeof CATALOG}-${number}`;
export type FrontendName = typeof FRONTEND | `${typeof FRONTEND}-${number}`;
export type ProcessName = CatalogName | FrontendName | ReplicaName;

export function replicaName(id: number): ReplicaName {
  return `order-${id}`;
}

/** The n-th catalog (from 1): `catalog`, then `catalog-2`, `catalog-3` … */
export function catalogName(n: number): CatalogName {
  return n === 1 ? CATALOG : `${CATALOG}-${n}`;
}

/** The n-th frontend (from 1): `frontend`, then `frontend-2`, `frontend-3` … */
export function frontendName(n: number): FrontendName {
  return n === 1 ? FRONTEND : `${FRONTEND}-${n}`;
}
