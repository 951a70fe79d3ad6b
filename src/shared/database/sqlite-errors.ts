/**
 * SQLite refused a row because a unique column (or key) already holds its value. Told by SQLite's
 * message, not by class: the sqlite3 addon builds its errors in Node's own realm, where
 * `instanceof Error` fails inside a test runner's sandbox.
 */
export function isUniqueViolation(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.includes('UNIQUE constraint failed');
}
