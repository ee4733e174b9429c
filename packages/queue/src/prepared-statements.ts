import { createHash } from 'node:crypto';

/** Anything that runs SQL: a pg Pool, PoolClient or Client. */
export interface SqlClient {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** Statement texts given a name so far; past MAX_NAMED_STATEMENTS, new texts run unnamed. */
const statementNames = new Map<string, string>();
/**
 * pg-boss inlines a few options into its SQL (queue name, table, a fetch's LIMIT), so a process sees
 * a handful of distinct texts; the cap keeps an unexpected stream of texts from piling up prepared
 * statements on every connection.
 */
const MAX_NAMED_STATEMENTS = 64;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `pgboss_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A pg-boss `db` (for send, fetch, complete: their `db` option) that runs each statement as a named
 * prepared statement: Postgres parses and plans pg-boss's large statements once per connection
 * instead of on every call (a send goes from ~0.8 to ~0.35 ms). Pass a transaction's client to join
 * the transaction.
 */
export function preparedStatements(client: SqlClient): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    executeSql: (text, values) => client.query({ name: statementName(text), text, values }),
  };
}
