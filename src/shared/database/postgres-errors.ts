/** PostgreSQL refused a row because a unique column (or key) already holds its value (SQLSTATE 23505). */
export function isPostgresUniqueViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return codeOf(error) === '23505' || codeOf((error as { driverError?: unknown } | undefined)?.driverError) === '23505';
}
