import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Actor } from '@shared/schemas/audit';
import { fail, ok, type Result } from '@shared/result';
import { copyDatabase } from '../backups/copy';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { readSnapshotInfo, type SnapshotInfo } from './info';

export interface TakenSnapshot {
  path: string;
  size: number;
  sha256: string;
  info: SnapshotInfo;
}

export interface TakeOptions {
  /** The built copy worker: the copy, its scrub and its VACUUM run off this thread (the server, the command line's bundle). */
  copyWorker?: string | null;
  nativeBinding?: string;
  describeDamage?: (found: string) => string;
  signal?: AbortSignal;
}

/** The sha256 of a file, read a piece at a time (never whole in memory). */
export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Takes an offline copy of the store `db` into `target` (replaced whole, never
 * left half written): one consistent moment of it (the online backup), with
 * no credentials, and its record of itself (`info`); then its sha256. A copy
 * is not copied again: it is a copy already, and its file can simply be copied.
 */
export async function takeSnapshot(db: Db, target: string, info: SnapshotInfo, options: TakeOptions = {}): Promise<Result<TakenSnapshot>> {
  const already = readSnapshotInfo(db);
  if (already) {
    return fail('READ_ONLY', `This is an offline copy of ${already.of} already; copy its file as it is to have another. Nothing was written.`);
  }
  const copied = await copyDatabase(db, target, { ...options, snapshot: info });
  if (!copied.ok) return copied;
  return ok({ path: copied.value.path, size: copied.value.size, sha256: await sha256OfFile(copied.value.path), info });
}

/** The audit log's record of a copy taken: who (the actor), when, of what, and the copy's sha256 and size. */
export function recordSnapshot(audit: AuditRepository, actor: Actor, taken: Pick<TakenSnapshot, 'sha256' | 'size' | 'info'>): void {
  audit.record(new Date(taken.info.takenAt), actor, {
    action: 'snapshot.take',
    targetType: 'database',
    targetLabel: taken.info.of,
    after: { sha256: taken.sha256, size: taken.size, takenBy: taken.info.takenBy },
  });
}
