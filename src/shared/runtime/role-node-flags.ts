/**
 * Node flags every role is started with: by `npm start`, the cluster launcher (and so the tests and
 * the bench) and the Docker image. V8 sizes its young generation once, when the process starts, so
 * unlike HEAP_GROWTH_PERCENT this cannot be set from main.ts. Nest's start-up grows V8's default
 * 2 × 16 MB of semi-spaces to the full 32 MB in every role; 2 × 8 MB took 15 MB off each role's
 * peak under 50 trading clients, for 3–8 % of a 50-client trade's CPU on express and nothing the
 * duels resolved on fastify or in lookups (docs/PERFORMANCE.md, eleventh round).
 */
export const ROLE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
