import { diffSectionTitles, type DiffChange, type DiffResult, type DiffSection, type DiffSectionId } from '@shared/schemas/diff';
import { seatSourceLabels, type SeatSource } from '@shared/schemas/members';
import { fail, ok, type Result } from '@shared/result';
import { isDamageError, damageFound } from '../db/integrity';
import type { Db } from '../db/open';
import { openPair, type DiffFile } from './open';
import { memberChanges, orgAccessChanges, seatSourceChanges, seatTally, teamMemberChanges } from './people';
import { domainChanges, invitationChanges, organizationChanges, scimTokenChanges, teamChanges } from './things';

export interface DiffRequest {
  from: { file: string; label: string; asOf?: string };
  to: { file: string; label: string; asOf?: string };
  /** Changes kept per section (the counts are over all of them); default: all. */
  limit?: number;
  nativeBinding?: string;
}

/** An offline copy's record of itself (its snapshot_info table, written by `roster snapshot`); null for any other file. */
function copyInfo(db: Db, schema: 'main' | 'old'): { of: string; takenAt: string } | null {
  const isCopy = db.prepare(`SELECT 1 FROM ${schema}.sqlite_schema WHERE type = 'table' AND name = 'snapshot_info'`).get();
  if (!isCopy) return null;
  return (db.prepare(`SELECT of, taken_at AS takenAt FROM ${schema}.snapshot_info WHERE id = 1`).get() as { of: string; takenAt: string } | undefined) ?? null;
}

/**
 * A file's moment (CMP3 in docs/RULES.md): when an offline copy was taken,
 * else what the caller says (now, for the live store), else its last change,
 * its newest audit event.
 */
function momentOf(db: Db, schema: 'main' | 'old', given?: string): string {
  const copy = copyInfo(db, schema);
  if (copy) return copy.takenAt;
  if (given) return given;
  const newest = db.prepare(`SELECT at FROM ${schema}.audit_events ORDER BY id DESC LIMIT 1`).pluck().get() as string | undefined;
  return newest ?? (db.prepare(`SELECT updated_at FROM ${schema}.enterprise WHERE id = 1`).pluck().get() as string);
}

const sourceLabel = (value: string | null) => (value === null ? null : (seatSourceLabels[value as SeatSource] ?? value));

function section(id: DiffSectionId, changes: DiffChange[], limit: number): DiffSection {
  const counts: Record<string, number> = {};
  for (const change of changes) counts[change.kind] = (counts[change.kind] ?? 0) + 1;
  const kept = changes.length > limit ? changes.slice(0, limit) : changes;
  return { id, title: diffSectionTitles[id], counts, total: changes.length, changes: kept, omitted: changes.length - kept.length };
}

/**
 * What changed from OLD to NEW: both opened read-only (nothing migrated or
 * written), each section one statement over the two files. A file that cannot
 * be used is refused with DATABASE_UNUSABLE (or NOT_FOUND) and the reason.
 */
export function computeDiff(request: DiffRequest): Result<DiffResult> {
  const from: DiffFile = { role: 'OLD', file: request.from.file, label: request.from.label };
  const to: DiffFile = { role: 'NEW', file: request.to.file, label: request.to.label };
  const opened = openPair(from, to, { nativeBinding: request.nativeBinding });
  if (!opened.ok) return opened;
  const { db } = opened.value;
  const limit = request.limit ?? Number.MAX_SAFE_INTEGER;
  try {
    const asOf = { old: momentOf(db, 'old', request.from.asOf), new: momentOf(db, 'main', request.to.asOf) };
    // One read transaction over both files: each is read as of one moment, even while the live store is written.
    const read = db.transaction(() => {
      const members = memberChanges(db).map((change) =>
        change.kind === 'seat taken again' ? change : { ...change, old: sourceLabel(change.old), new: sourceLabel(change.new) },
      );
      const sources = seatSourceChanges(db).map((change) => ({ ...change, old: sourceLabel(change.old), new: sourceLabel(change.new) }));
      return {
        seats: { old: seatTally(db, 'old', asOf.old), new: seatTally(db, 'main', asOf.new) },
        sections: [
          section('members', members, limit),
          section('seatSources', sources, limit),
          section('teamMembers', teamMemberChanges(db), limit),
          section('orgAccess', orgAccessChanges(db), limit),
          section('teams', teamChanges(db), limit),
          section('organizations', organizationChanges(db), limit),
          section('invitations', invitationChanges(db, asOf), limit),
          section('domains', domainChanges(db), limit),
          section('scimTokens', scimTokenChanges(db, asOf), limit),
        ],
      };
    });
    const { seats, sections } = read.deferred();
    const side = (file: DiffFile, schema: 'main' | 'old', enterprise: string, moment: string) => ({
      label: file.label,
      enterprise,
      schemaVersion: opened.value.schemaVersions[schema === 'old' ? 'old' : 'new'],
      asOf: moment,
      copyOf: copyInfo(db, schema)?.of ?? null,
    });
    return ok({
      from: side(from, 'old', opened.value.enterprise.old, asOf.old),
      to: side(to, 'main', opened.value.enterprise.new, asOf.new),
      seats,
      sections,
    });
  } catch (error) {
    if (isDamageError(error)) return fail('DATABASE_UNUSABLE', `One of the files is damaged: ${damageFound(error)}. Nothing was changed.`);
    throw error;
  } finally {
    opened.value.close();
  }
}
