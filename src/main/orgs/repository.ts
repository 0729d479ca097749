import type { Organization } from '@shared/schemas/orgs';
import type { Db } from '../db/open';

const COLUMNS = 'id, name, created_at AS createdAt, updated_at AS updatedAt';

export function createOrgRepository(db: Db) {
  const list = db.prepare(`SELECT ${COLUMNS} FROM organizations ORDER BY name_key, id`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM organizations WHERE id = ?`);
  const byKey = db.prepare(`SELECT ${COLUMNS} FROM organizations WHERE name_key = ?`);
  const insert = db.prepare(
    'INSERT INTO organizations (name, name_key, created_at, updated_at) VALUES (@name, @key, @at, @at)',
  );
  const rename = db.prepare('UPDATE organizations SET name = @name, name_key = @key, updated_at = @at WHERE id = @id');
  const remove = db.prepare('DELETE FROM organizations WHERE id = ?');

  return {
    list(): Organization[] {
      return list.all() as Organization[];
    },
    findById(id: number): Organization | null {
      return (byId.get(id) as Organization | undefined) ?? null;
    },
    findByKey(key: string): Organization | null {
      return (byKey.get(key) as Organization | undefined) ?? null;
    },
    insert(values: { name: string; key: string; at: string }): Organization {
      const { lastInsertRowid } = insert.run(values);
      return { id: Number(lastInsertRowid), name: values.name, createdAt: values.at, updatedAt: values.at };
    },
    rename(values: { id: number; name: string; key: string; at: string }): void {
      rename.run(values);
    },
    remove(id: number): void {
      remove.run(id);
    },
  };
}

export type OrgRepository = ReturnType<typeof createOrgRepository>;
