import type { Enterprise } from '@shared/schemas/enterprise';
import type { Db } from '../db/open';

export function createEnterpriseRepository(db: Db) {
  const select = db.prepare(
    'SELECT name, seats, created_at AS createdAt, updated_at AS updatedAt FROM enterprise WHERE id = 1',
  );
  const insert = db.prepare(
    'INSERT INTO enterprise (id, name, seats, created_at, updated_at) VALUES (1, @name, @seats, @at, @at)',
  );
  const rename = db.prepare('UPDATE enterprise SET name = @name, updated_at = @at WHERE id = 1');

  return {
    get(): Enterprise | null {
      return (select.get() as Enterprise | undefined) ?? null;
    },
    insert(values: { name: string; seats: number; at: string }): Enterprise {
      insert.run(values);
      return { name: values.name, seats: values.seats, createdAt: values.at, updatedAt: values.at };
    },
    rename(name: string, at: string): void {
      rename.run({ name, at });
    },
  };
}

export type EnterpriseRepository = ReturnType<typeof createEnterpriseRepository>;
