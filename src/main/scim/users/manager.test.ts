import { describe, expect, it } from 'vitest';
import { scimServer } from '../test-support/client';
import { accountIdOf, ENTERPRISE_USER_SCHEMA, patchBody, userBody } from '../test-support/user-fixtures';

const MANAGER = `${ENTERPRISE_USER_SCHEMA}:manager`;

async function twoUsers() {
  const scim = await scimServer();
  const boss = (await scim.post('/Users', userBody('boss@acme.example'))).body.id as string;
  const pat = (await scim.post('/Users', userBody('pat@acme.example'))).body.id as string;
  return { scim, boss, pat };
}

describe('the enterprise manager as Entra sends it (a bare id)', () => {
  it('keeps Entra\'s PATCH Add of a bare manager id as {"value": id}, and a filter on manager.value finds it', async () => {
    const { scim, boss, pat } = await twoUsers();
    // Entra's exact request.
    const body = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"${MANAGER}","value":"${boss}"}]}`;
    const added = await scim.patch(`/Users/${pat}`, body);
    expect(added.status).toBe(200);
    expect(added.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: boss } });
    expect(added.body.schemas).toContain(ENTERPRISE_USER_SCHEMA);
    const found = await scim.get(`/Users?filter=${encodeURIComponent(`${MANAGER}.value eq "${boss}"`)}`);
    expect(found.body.Resources.map((user: { id: string }) => user.id)).toEqual([pat]);
  });

  it('replaces a manager with a bare id over an existing one, in any case of path and op, and with a number', async () => {
    const { scim, boss, pat } = await twoUsers();
    await scim.patch(`/Users/${pat}`, patchBody({ op: 'Add', path: MANAGER, value: boss }));
    const replaced = await scim.patch(`/Users/${pat}`, patchBody({ op: 'Replace', path: MANAGER.toUpperCase(), value: '42' }));
    expect(replaced.status).toBe(200);
    expect(replaced.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: '42' } });
    const numbered = await scim.patch(`/Users/${pat}`, patchBody({ op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:Manager`, value: 7 }));
    expect(numbered.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: '7' } });
    const removed = await scim.patch(`/Users/${pat}`, patchBody({ op: 'Remove', path: MANAGER }));
    expect(removed.body[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
    await scim.patch(`/Users/${pat}`, patchBody({ op: 'Add', path: MANAGER, value: boss }));
    const emptied = await scim.patch(`/Users/${pat}`, patchBody({ op: 'Replace', path: MANAGER, value: '' }));
    expect(emptied.body[ENTERPRISE_USER_SCHEMA]).toBeUndefined();
  });

  it('reads a bare manager inside a no-path or whole-extension value, and in a POST or PUT body', async () => {
    const { scim, boss, pat } = await twoUsers();
    const noPath = await scim.patch(`/Users/${pat}`, patchBody({ op: 'Replace', value: { [MANAGER]: boss, [`${ENTERPRISE_USER_SCHEMA}:department`]: 'Sales' } }));
    expect(noPath.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: boss }, department: 'Sales' });
    const whole = await scim.patch(`/Users/${pat}`, patchBody({ op: 'replace', path: ENTERPRISE_USER_SCHEMA, value: { manager: '9' } }));
    expect(whole.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: '9' }, department: 'Sales' });
    const nested = await scim.patch(`/Users/${pat}`, patchBody({ op: 'add', value: { [ENTERPRISE_USER_SCHEMA]: { manager: 10 } } }));
    expect(nested.body[ENTERPRISE_USER_SCHEMA].manager).toEqual({ value: '10' });

    const posted = await scim.post('/Users', userBody('cy@acme.example', { schemas: [ENTERPRISE_USER_SCHEMA], [ENTERPRISE_USER_SCHEMA]: { Manager: boss } }));
    expect(posted.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: boss } });
    const put = await scim.put(`/Users/${posted.body.id}`, userBody('cy@acme.example', { [ENTERPRISE_USER_SCHEMA]: { manager: '11', department: 'Ops' } }));
    expect(put.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: '11' }, department: 'Ops' });
    const complex = await scim.put(`/Users/${posted.body.id}`, userBody('cy@acme.example', { [ENTERPRISE_USER_SCHEMA]: { manager: { value: boss, displayName: 'Boss' } } }));
    expect(complex.body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: boss, displayName: 'Boss' } });
  });

  it('reads a manager kept as a bare string before this rule back as {"value": id}', async () => {
    const { scim, pat } = await twoUsers();
    scim.core.db.prepare('UPDATE scim_users SET extensions = ? WHERE account_id = ?').run(JSON.stringify({ [ENTERPRISE_USER_SCHEMA]: { manager: '5' } }), accountIdOf(scim.core, pat));
    expect((await scim.get(`/Users/${pat}`)).body[ENTERPRISE_USER_SCHEMA]).toEqual({ manager: { value: '5' } });
    const replaced = await scim.patch(`/Users/${pat}`, patchBody({ op: 'Replace', path: MANAGER, value: '6' }));
    expect(replaced).toMatchObject({ status: 200, body: { [ENTERPRISE_USER_SCHEMA]: { manager: { value: '6' } } } });
  });
});
