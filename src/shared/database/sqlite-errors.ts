/** SQLite refused a row because a unique column (or key) already holds its value. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && error.message.includes('UNIQUE constraint failed');
}
