import type { Db } from '../db/open';

/** Enterprise settings as JSON values by key, each with its version (migration 0016). */
export function createSettingsRepository(db: Db) {
  const all = db.prepare('SELECT key, value, version FROM settings');
  // A new key starts at version 1 (0 is "never set"); each change moves it on.
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1');
  const read = () => all.all() as { key: string; value: string; version: number }[];
  return {
    all(): Record<string, unknown> {
      return Object.fromEntries(read().map((row) => [row.key, JSON.parse(row.value) as unknown]));
    },
    /** Each stored setting's version; a setting never stored has none here (version 0). */
    versions(): Record<string, number> {
      return Object.fromEntries(read().map((row) => [row.key, row.version]));
    },
    set(key: string, value: unknown): void {
      upsert.run(key, JSON.stringify(value));
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
