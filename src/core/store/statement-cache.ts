import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

/** Prepares each SQL text once and reuses it: on hot paths, preparing cost more than running. */
export function statementCache(db: Db): (source: string) => Statement {
  const statements = new Map<string, Statement>();
  return (source) => {
    let statement = statements.get(source);
    if (!statement) {
      statement = db.prepare(source);
      statements.set(source, statement);
    }
    return statement;
  };
}
