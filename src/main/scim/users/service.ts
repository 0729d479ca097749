import type { AppError } from '@shared/errors';
import type { Actor } from '@shared/schemas/audit';
import { emailKey } from '@shared/schemas/email';
import { personNameSchema } from '@shared/schemas/members';
import { inWriteTransaction } from '../../db/transaction';
import { ensureAccount } from '../../members/accounts';
import { createMemberRepository } from '../../members/repository';
import { badRequest, notFound, ScimError } from '../errors';
import { compileFilter, runFiltered } from '../filter';
import type { ListQuery } from '../resources';
import type { ScimContext } from '../server';
import { applyUserPatch } from './patch';
import { createScimUserRepository, resolveUserAttribute, type ScimUserRow, type ScimUserValues } from './repository';
import { userNameKey } from './user-name';
import { nameFrom, parseUser, toUser, valuesOf, type UserInput } from './resource';

type Json = Record<string, unknown>;
/** Called with the user as it stands before a write, inside its transaction: the If-Match check. */
export type CheckCurrent = (current: Json) => void;

/** A service refusal, said the SCIM way (RFC 7644 section 3.12). */
function scimErrorOf(error: AppError): ScimError {
  switch (error.code) {
    case 'NO_FREE_SEATS':
    case 'FORBIDDEN':
      return new ScimError(403, error.message);
    case 'CONFLICT':
      return new ScimError(409, error.message, 'uniqueness');
    case 'INVALID_INPUT':
      return badRequest('invalidValue', error.message);
    case 'NOT_FOUND':
      return notFound(error.message);
    case 'NO_ENTERPRISE':
      return new ScimError(503, error.message);
    default:
      return new ScimError(500, error.message);
  }
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: AppError }): T {
  if (!result.ok) throw scimErrorOf(result.error);
  return result.value;
}

/** A name the account can take: the provider's, when it is one Roster accepts; '' otherwise. */
function usableName(name: string): string {
  const checked = personNameSchema.safeParse(name);
  return checked.success ? checked.data : '';
}

const sameValues = (a: ScimUserValues | null, b: ScimUserValues) => a !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * /Users over members and scim_users. Seats are taken and freed by the member
 * service, so SCIM follows the same rules as the app (free seats, invitations,
 * audit). Each change runs in one write transaction, and a refusal thrown
 * anywhere in it (as a ScimError) rolls all of it back.
 */
export function createScimUserService({ db, services, now }: ScimContext) {
  const users = createScimUserRepository(db);
  const accounts = createMemberRepository(db);
  const { audit, members, enterprise } = services;

  function load(id: string): ScimUserRow {
    const row = users.findByScimId(id);
    if (!row) throw notFound(`There is no user with id ${id}.`);
    return row;
  }

  const build = (row: ScimUserRow, base: string) => toUser(row, users.groupsOf([row.id]), base);

  /** The provider's values from a checked body. */
  function valuesFrom(input: UserInput): ScimUserValues {
    const { userName: _userName, address: _address, active: _active, ...values } = input;
    return values;
  }

  /** How another user is named in a refusal: their userName and id. */
  function named(accountId: number): string {
    const other = users.find(accountId);
    return other ? `${other.userName ?? other.email} (id ${other.scimId})` : `account ${accountId}`;
  }

  /** userName is unique ignoring case among users (409 uniqueness naming the one who has it). */
  function requireFreeUserName(userName: string, self: number | null): void {
    const owner = users.userNameOwner(userNameKey(userName));
    if (owner !== null && owner !== self) {
      throw new ScimError(409, `userName ${userName} is already the userName of user ${named(owner)}; userNames are unique, ignoring case.`, 'uniqueness');
    }
  }

  /** Writes a checked User onto an existing one: userName, address, name, seat and the provider's values. */
  function update(row: ScimUserRow, input: UserInput, actor: Actor, at: Date): void {
    const iso = at.toISOString();
    const before = valuesOf(row);
    let changed = false;
    if (input.userName !== (row.userName ?? row.email)) {
      requireFreeUserName(input.userName, row.id);
      changed = true;
    }
    const key = emailKey(input.address);
    if (input.address !== row.email) {
      const other = key === emailKey(row.email) ? null : accounts.findAccountByKey(key);
      if (other) {
        const user = users.find(other.id);
        throw new ScimError(
          409,
          user
            ? `${input.address} is already the address of user ${named(other.id)}; two users cannot share an address, because a seat belongs to one person.`
            : `${input.address} is already the address of another account in Roster; a user's address can change only to one no one has.`,
          'uniqueness',
        );
      }
      accounts.changeEmail(row.id, input.address, key);
      audit.record(at, actor, { action: 'account.email', targetType: 'account', targetId: row.id, targetLabel: input.address, before: { email: row.email }, after: { email: input.address } });
      changed = true;
    }
    // The provider names a person whose account has no name, or one it named itself; never over a name someone else gave.
    const next = usableName(nameFrom(input));
    const previous = before ? usableName(nameFrom(before)) : '';
    if (next && next !== row.accountName && (row.accountName === '' || row.accountName === previous)) {
      accounts.renameAccount(row.id, next, key);
      audit.record(at, actor, { action: 'account.rename', targetType: 'account', targetId: row.id, targetLabel: input.address, before: { name: row.accountName }, after: { name: next } });
      changed = true;
    }
    if (input.active === true && !row.member) {
      unwrap(members.add({ email: input.address }, actor, 'scim'));
      changed = true;
    } else if (input.active === false && row.member) {
      unwrap(members.remove(row.id, actor));
      changed = true;
    }
    const values = valuesFrom(input);
    if (!sameValues(before, values)) {
      audit.record(at, actor, { action: 'scim.user.update', targetType: 'account', targetId: row.id, targetLabel: input.address, before, after: values });
      changed = true;
    }
    if (changed) users.save(row.id, input.userName, values, iso);
  }

  return {
    get(id: string, base: string): Json {
      return build(load(id), base);
    },

    /** One page of the users a query matches: SQL does the filtering, sorting and paging. */
    list(query: ListQuery, base: string): { resources: Json[]; total: number } {
      const filter = query.filter === null ? null : compileFilter(query.filter, resolveUserAttribute);
      const { rows, total } = runFiltered(filter, () => users.page(filter, query.sortBy, query.sortOrder, query.startIndex - 1, query.count));
      const groups = users.groupsOf(rows.map((row) => row.id));
      return { resources: rows.map((row) => toUser(row, groups.filter((group) => group.accountId === row.id), base)), total };
    },

    /** POST /Users: a new user, holding a seat unless it is sent inactive. */
    create(body: unknown, actor: Actor, base: string): Json {
      const input = parseUser(body);
      return inWriteTransaction(db, () => {
        unwrap(enterprise.require());
        const at = now();
        const owner = users.userNameOwner(userNameKey(input.userName));
        if (owner !== null) throw new ScimError(409, `${input.userName} is already the userName of user ${named(owner)}; find it with filter userName eq "${input.userName}".`, 'uniqueness');
        const existing = accounts.findAccountByKey(emailKey(input.address));
        if (existing && users.find(existing.id)) {
          throw new ScimError(409, `${input.address} is already the address of user ${named(existing.id)}; two users cannot share an address, because a seat belongs to one person.`, 'uniqueness');
        }
        const name = usableName(nameFrom(input));
        const accountId =
          input.active === false
            ? ensureAccount({ members: accounts, audit }, input.address, name, actor, at).id
            : unwrap(members.add({ email: input.address, ...(name ? { name } : {}) }, actor, 'scim')).accountId;
        const values = valuesFrom(input);
        users.save(accountId, input.userName, values, at.toISOString());
        audit.record(at, actor, { action: 'scim.user.create', targetType: 'account', targetId: accountId, targetLabel: input.address, after: { userName: input.userName, ...values, active: input.active !== false } });
        return build(users.find(accountId)!, base);
      });
    },

    /** PUT /Users/:id: the user replaced by the body (read-only attributes ignored; no active: the seat stays as it is). */
    replace(id: string, body: unknown, actor: Actor, base: string, check: CheckCurrent): Json {
      const input = parseUser(body);
      return inWriteTransaction(db, () => {
        const row = load(id);
        check(build(row, base));
        update(row, input, actor, now());
        return build(load(id), base);
      });
    },

    /** PATCH /Users/:id: every operation applied in order, then written at once; any failure changes nothing. */
    patch(id: string, body: unknown, actor: Actor, base: string, check: CheckCurrent): Json {
      return inWriteTransaction(db, () => {
        const row = load(id);
        const current = build(row, base);
        check(current);
        const input = parseUser(applyUserPatch(current, body, row.scimId));
        update(row, input, actor, now());
        return build(load(id), base);
      });
    },

    /** DELETE /Users/:id: the seat is freed and the provider's record deleted; the account stays. */
    remove(id: string, actor: Actor, base: string, check: CheckCurrent): void {
      inWriteTransaction(db, () => {
        const row = load(id);
        check(build(row, base));
        if (row.member) unwrap(members.remove(row.id, actor));
        // The provider's statements of the groups it is in go with the resource.
        users.leaveGroups(row.id);
        if (row.hasRow) {
          users.remove(row.id);
          audit.record(now(), actor, { action: 'scim.user.delete', targetType: 'account', targetId: row.id, targetLabel: row.email, before: valuesOf(row) });
        }
      });
    },
  };
}

export type ScimUserService = ReturnType<typeof createScimUserService>;
