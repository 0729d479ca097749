import { createHash } from 'node:crypto';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** sha256 of the file with line endings normalised, so a CRLF checkout hashes the same. */
  hash: string;
}

const FILE_NAME = /(?:^|\/)(\d{4})_([a-z0-9_]+)\.sql$/;

export function hashMigration(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Turns { "./0001_initial.sql": "..." } into migrations ordered by version.
 * Numbers must run 1, 2, 3 ... without gaps or repeats: a gap is a bug in the build.
 */
export function parseMigrations(files: Record<string, string>): Migration[] {
  const migrations = Object.entries(files).map(([file, sql]) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
    return { version: Number(match[1]), name: match[2]!, sql, hash: hashMigration(sql) };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3 ... without gaps; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

/** The migrations shipped with this build, bundled as text by Vite. */
export const bundledMigrations: Migration[] = parseMigrations(
  import.meta.glob<string>('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }),
);

/**
 * Earlier texts of shipped migrations whose comments alone were reworded, by
 * label: the SQL they run is the same, so a database that recorded one of these
 * hashes was built by the same migration and is not "edited". Anything else
 * that differs is still refused (EDITED_MIGRATION).
 */
export const REWORDED_MIGRATIONS: Readonly<Record<string, readonly string[]>> = {
  // Its first comment cited a specification outside the repository; it now cites docs/RULES.md.
  '0008_scim': ['db20a249033ea087239ca1d4efbac786c6264fea285c24cfa955607b445cacba'],
};

export function migrationLabel(migration: Pick<Migration, 'version' | 'name'>): string {
  return `${String(migration.version).padStart(4, '0')}_${migration.name}`;
}
