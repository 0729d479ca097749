import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/**
 * Statements for SQL built from a filter's shape and a sort: each distinct text
 * is prepared once and kept, while the values travel as parameters.
 */
export function createStatementCache(db: Db): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
}
