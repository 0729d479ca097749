import fs from 'node:fs';
import path from 'node:path';
import { DAY_MS } from '@shared/time';
import type { Backup, BackupKind } from '@shared/schemas/backups';
import { fail, type Result } from '@shared/result';
import type { Db } from '../db/open';
import { copyDatabase, type CopyOptions } from './copy';
import { backupFileName, parseBackupName } from './names';

/** The backups in `folder`, newest first; files that are not backups (or vanish meanwhile) are left out. */
export function listBackups(folder: string): Backup[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const found: (Backup & { attempt: number })[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const stat = fs.statSync(path.join(folder, name), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    found.push({ id: name, kind: parsed.kind, createdAt: parsed.createdAt.toISOString(), size: stat.size, attempt: parsed.attempt });
  }
  found.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.attempt - a.attempt);
  return found.map(({ attempt: _attempt, ...backup }) => backup);
}

/** Backs `db` up into `folder` under the name of its kind and time, never over another backup. */
export async function storeBackup(db: Db, folder: string, kind: BackupKind, at: Date, options: CopyOptions = {}): Promise<Result<Backup>> {
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    return fail('UNAVAILABLE', `Could not make the backups folder ${folder}: ${(error as Error).message}.`);
  }
  for (let attempt = 1; attempt <= 100; attempt += 1) {
    const name = backupFileName(kind, at, attempt);
    // The copy a restore keeps first is kept even of a damaged database: it may be all there is of it.
    const copied = await copyDatabase(db, path.join(folder, name), { ...options, replace: false, check: kind !== 'pre-restore' });
    if (!copied.ok && copied.error.code === 'CONFLICT') continue;
    if (!copied.ok) return copied;
    return { ok: true, value: { id: name, kind, createdAt: new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString(), size: copied.value.size } };
  }
  return fail('CONFLICT', `There are already 100 backups made in the same second in ${folder}.`);
}

/** Keeps the newest `keep` backups of `kind` in `folder` and deletes the older ones; answers the names deleted. */
export function pruneBackups(folder: string, kind: BackupKind, keep: number): string[] {
  const old = listBackups(folder)
    .filter((backup) => backup.kind === kind)
    .slice(keep);
  for (const backup of old) fs.rmSync(path.join(folder, backup.id), { force: true });
  return old.map((backup) => backup.id);
}

/**
 * Whether the daily backup is due: when there is none yet, when the newest is
 * a day old or more, or when it claims to be over a day in the future (the
 * clock was set back), which would otherwise stop daily backups until then.
 */
export function isBackupDue(newest: Date | null, now: Date): boolean {
  if (!newest) return true;
  const age = now.getTime() - newest.getTime();
  return age >= DAY_MS || age < -DAY_MS;
}

/** The newest automatic backup's time, or null. */
export function newestAutomatic(folder: string): Date | null {
  const newest = listBackups(folder).find((backup) => backup.kind === 'automatic');
  return newest ? new Date(newest.createdAt) : null;
}
