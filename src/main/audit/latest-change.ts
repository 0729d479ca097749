import type { Actor } from '@shared/schemas/audit';
import { emailKey } from '@shared/schemas/email';
import { fail, type Result } from '@shared/result';
import type { Db } from '../db/open';
import { toEvent, type AuditEvent, type AuditRow } from './event-row';

/** How many of a record's newest events of the kinds asked for are looked through for the one that changed it. */
const LOOK_BACK = 50;

/**
 * What the audit log says about the latest change to a record, for refusing a
 * stale edit (docs/RULES.md, V6) with who changed what and when: an admin by
 * their name and address, as the server records them; otherwise the actor as
 * the audit log shows it.
 */
export function createLatestChange(db: Db) {
  // The (target_type, target_id) index holds the rowid, so the newest come first without a sort.
  const ofTarget = db.prepare(`
    SELECT * FROM audit_events
    WHERE target_type = @type AND target_id = @id AND action IN (SELECT value FROM json_each(@actions))
    ORDER BY id DESC LIMIT ${LOOK_BACK}`);
  // Settings events name the keys they changed in `after` (settings/service.ts); a damaged cell is passed over.
  const ofSetting = db.prepare(`
    SELECT * FROM audit_events
    WHERE target_type = 'settings' AND json_valid(after) AND json_type(after, @path) IS NOT NULL
    ORDER BY id DESC LIMIT 1`);
  // A removed admin is still named by who they were; a live one wins when the address came back.
  const adminName = db.prepare('SELECT name FROM admins WHERE email_key = ? ORDER BY removed_at IS NULL DESC, id DESC LIMIT 1').pluck();

  return {
    /** The newest event on the record with one of `actions` that `accept` takes (all, when left out). */
    ofTarget(type: string, id: number, actions: string[], accept: (event: AuditEvent) => boolean = () => true): AuditEvent | null {
      const rows = ofTarget.all({ type, id: String(id), actions: JSON.stringify(actions) }) as AuditRow[];
      return rows.map(toEvent).find(accept) ?? null;
    },

    /** The newest event that changed this setting. */
    ofSetting(key: string): AuditEvent | null {
      const row = ofSetting.get({ path: `$.${key}` }) as AuditRow | undefined;
      return row ? toEvent(row) : null;
    },

    /**
     * Who made a change, said for a sentence: "Bo Lee (bo@acme.example)"; "You, on the command line," when
     * it was the person now asking (`caller`), elsewhere: another window, the command line, an API token.
     */
    who(actor: Actor, caller?: Actor): string {
      if (caller && samePerson(actor, caller)) {
        if (actor.token !== undefined && actor.type !== 'scim') return `You, with the API token "${actor.token}",`;
        return actor.type === 'cli' && caller.type !== 'cli' ? 'You, on the command line,' : 'You, in another window,';
      }
      if (actor.admin !== undefined) {
        const name = adminName.get(emailKey(actor.admin)) as string | null | undefined;
        const admin = name ? `${name} (${actor.admin})` : actor.admin;
        return actor.type === 'cli' ? `${admin}, on the command line,` : admin;
      }
      switch (actor.type) {
        case 'app':
          return `${actor.name}, in the Roster app,`;
        case 'cli':
          return `${actor.name}, on the command line,`;
        case 'scim':
          return `Your identity provider (SCIM token "${actor.name}")`;
        case 'import':
          return `The import of ${actor.name}`;
        case 'system':
          return 'Roster';
      }
    },
  };
}

export type LatestChange = ReturnType<typeof createLatestChange>;

/** The same admin (by address), or with no admins, the same person at this machine (the app and the command line name them alike). */
function samePerson(actor: Actor, caller: Actor): boolean {
  if (actor.admin !== undefined || caller.admin !== undefined) {
    return actor.admin !== undefined && caller.admin !== undefined && emailKey(actor.admin) === emailKey(caller.admin);
  }
  const local = (type: Actor['type']) => type === 'app' || type === 'cli';
  return local(actor.type) && local(caller.type) && actor.name === caller.name;
}

/** "at 14:02 UTC" on the same UTC day as now, else "on 2026-12-06 at 14:02 UTC". */
export function whenSaid(at: string, now: Date): string {
  const iso = new Date(at).toISOString();
  const time = `at ${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? time : `on ${iso.slice(0, 10)} ${time}`;
}

/**
 * The refusal of a stale edit: who did what and when, that nothing was saved,
 * and what to do. With no event to tell (the audit log pruned it), it says
 * only that the record changed.
 */
export function staleEdit(
  change: { who: string; what: string; at: string } | null,
  now: Date,
  record: string,
  review: string,
): Result<never> {
  const happened = change ? `${change.who} ${change.what} ${whenSaid(change.at, now)}` : `${record} was changed`;
  return fail('STALE', `${happened}, after you opened it. Nothing was saved: review ${review} and save again.`);
}
