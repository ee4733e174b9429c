/**
 * PostgreSQL's error code (SQLSTATE) of a failed query, as Drizzle passes it on: the driver's error
 * itself, or as its cause.
 */
export function postgresErrorCode(error: unknown): string | undefined {
  for (const candidate of [error, (error as { cause?: unknown } | undefined)?.cause]) {
    const code = (candidate as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A unique constraint refused the row (23505): a name taken meanwhile, say. */
export function isUniqueViolation(error: unknown): boolean {
  return postgresErrorCode(error) === '23505';
}
