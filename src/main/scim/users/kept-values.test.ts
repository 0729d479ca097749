import { describe, expect, it } from 'vitest';
import { MAX_PATCH_OPERATIONS, USER_SCHEMA } from '../discovery';
import { groupBody, groupsServer, patchOps } from '../test-support/group-fixtures';
import { scimServer } from '../test-support/client';
import { ENTERPRISE_USER_SCHEMA, patchBody, userBody } from '../test-support/user-fixtures';
import { KEPT_CORE_ATTRIBUTES, MAX_TEXT, MAX_VALUES } from './resource';

type SchemaAttribute = { name: string; type: string; multiValued: boolean; subAttributes?: SchemaAttribute[] };

describe('what /Users keeps, and how /Schemas describes it', () => {
  it('lists every kept core attribute in the User schema, with sub-attributes, and the kept name parts', async () => {
    const scim = await scimServer();
    const schema = (await scim.get(`/Schemas/${USER_SCHEMA}`)).body as { attributes: SchemaAttribute[] };
    const byName = new Map(schema.attributes.map((attribute) => [attribute.name, attribute]));
    for (const name of KEPT_CORE_ATTRIBUTES) expect(byName.has(name), name).toBe(true);
    expect(byName.get('title')).toMatchObject({ type: 'string', multiValued: false });
    expect(byName.get('addresses')).toMatchObject({ type: 'complex', multiValued: true });
    expect(byName.get('addresses')!.subAttributes!.map((sub) => sub.name)).toEqual(['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country', 'type', 'primary']);
    expect(byName.get('phoneNumbers')!.subAttributes!.map((sub) => sub.name)).toEqual(['value', 'display', 'type', 'primary']);
    expect(byName.get('x509Certificates')!.subAttributes![0]).toMatchObject({ name: 'value', type: 'binary' });
    expect(byName.get('name')!.subAttributes!.map((sub) => sub.name)).toEqual(['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix']);
  });

  it('keeps middleName, honorificPrefix and honorificSuffix from POST, PUT and PATCH', async () => {
    const scim = await scimServer();
    const posted = await scim.post('/Users', userBody('pat@acme.example', { name: { givenName: 'Pat', familyName: 'Lee', middleName: 'Q', honorificPrefix: 'Dr.' } }));
    expect(posted.body.name).toEqual({ givenName: 'Pat', familyName: 'Lee', middleName: 'Q', honorificPrefix: 'Dr.' });
    const patched = await scim.patch(`/Users/${posted.body.id}`, patchBody({ op: 'add', path: 'name.honorificSuffix', value: 'III' }, { op: 'replace', path: 'name.middleName', value: 'R' }));
    expect(patched.body.name).toEqual({ givenName: 'Pat', familyName: 'Lee', middleName: 'R', honorificPrefix: 'Dr.', honorificSuffix: 'III' });
    const put = await scim.put(`/Users/${posted.body.id}`, userBody('pat@acme.example', { name: { givenName: 'Pat' } }));
    expect(put.body.name).toEqual({ givenName: 'Pat' });
  });

  it('returns userName exactly as the provider last sent it, matching it ignoring case', async () => {
    const scim = await scimServer();
    const created = await scim.post('/Users', userBody('Alice@Example.com'));
    expect(created.body.userName).toBe('Alice@Example.com');
    expect(scim.core.db.prepare('SELECT email FROM accounts').pluck().get()).toBe('Alice@example.com');
    const found = await scim.get(`/Users?filter=${encodeURIComponent('userName eq "alice@EXAMPLE.com"')}`);
    expect(found.body.Resources.map((user: { userName: string }) => user.userName)).toEqual(['Alice@Example.com']);
    // Entra sends back what it read: nothing changes, nothing is audited.
    const audited = scim.core.db.prepare('SELECT count(*) FROM audit_events').pluck().get();
    const same = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'Replace', path: 'userName', value: 'Alice@Example.com' }));
    expect(same.body.meta.version).toBe(created.body.meta.version);
    expect(scim.core.db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(audited);
    const respelled = await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'Replace', path: 'userName', value: 'Alice@EXAMPLE.COM' }));
    expect(respelled.body.userName).toBe('Alice@EXAMPLE.COM');
    expect(await scim.post('/Users', userBody('alice@example.com'))).toMatchObject({ status: 409, body: { scimType: 'uniqueness' } });
    // The address changed in the app: userName is the provider's, and stays as it last sent it.
    scim.core.db.prepare("UPDATE accounts SET email = 'alice.new@example.com', email_key = 'alice.new@example.com'").run();
    expect((await scim.get(`/Users/${created.body.id}`)).body.userName).toBe('Alice@EXAMPLE.COM');
  });

  it('drops __proto__ and constructor keys inside kept and extension values', async () => {
    const scim = await scimServer();
    const body = `{"schemas":["${USER_SCHEMA}"],"userName":"pat@acme.example","${ENTERPRISE_USER_SCHEMA}":{"department":"Ops","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}},"addresses":[{"locality":"Paris","__proto__":{"admin":true}}]}`;
    const created = await scim.post('/Users', body);
    expect(created.status).toBe(201);
    expect(created.body[ENTERPRISE_USER_SCHEMA]).toEqual({ department: 'Ops' });
    expect(created.body.addresses).toEqual([{ locality: 'Paris' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const stored = scim.core.db.prepare('SELECT extensions FROM scim_users').pluck().get() as string;
    expect(stored).not.toContain('__proto__');
    expect(stored).not.toContain('constructor');
  });
});

describe('limits on what a provider sends', () => {
  it(`refuses a PATCH of more than ${MAX_PATCH_OPERATIONS} operations with 400 invalidValue, for users and groups`, async () => {
    const scim = await groupsServer();
    const user = await scim.post('/Users', userBody('pat@acme.example'));
    const many = Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, (_, index) => ({ op: 'replace', path: 'title', value: `T${index}` }));
    const answer = await scim.patch(`/Users/${user.body.id}`, patchBody(...many));
    expect(answer).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
    expect(answer.body.detail).toContain(`at most ${MAX_PATCH_OPERATIONS} operations`);
    expect((await scim.patch(`/Users/${user.body.id}`, patchBody(...many.slice(1)))).body.title).toBe(`T${MAX_PATCH_OPERATIONS}`);
    const group = await scim.post('/Groups', groupBody('Sales'));
    const groupOps = Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => ({ op: 'add', path: 'members', value: [{ value: scim.ids.ana }] }));
    expect(await scim.patch(`/Groups/${group.body.id}`, patchOps(...groupOps))).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });

  it(`refuses text over ${MAX_TEXT} characters and lists over ${MAX_VALUES} values, naming the attribute`, async () => {
    const scim = await scimServer();
    const long = 'x'.repeat(MAX_TEXT + 1);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: long }, 'title'],
      [{ displayName: long }, 'displayName'],
      [{ name: { givenName: long } }, 'name.givenName'],
      [{ [ENTERPRISE_USER_SCHEMA]: { department: long } }, `${ENTERPRISE_USER_SCHEMA}.department`],
      [{ phoneNumbers: Array.from({ length: MAX_VALUES + 1 }, (_, index) => ({ value: String(index) })) }, 'phoneNumbers'],
      [{ emails: Array.from({ length: MAX_VALUES + 1 }, (_, index) => ({ value: `p${index}@acme.example` })) }, 'emails'],
      [{ addresses: [{ streetAddress: long }] }, 'addresses[0].streetAddress'],
    ];
    for (const [extra, attribute] of cases) {
      const answer = await scim.post('/Users', userBody('pat@acme.example', extra));
      expect(answer, attribute).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
      expect(answer.body.detail).toContain(attribute);
    }
    const created = await scim.post('/Users', userBody('pat@acme.example', { title: 'x'.repeat(MAX_TEXT) }));
    expect(created.status).toBe(201);
    expect(await scim.patch(`/Users/${created.body.id}`, patchBody({ op: 'add', path: 'title', value: long }))).toMatchObject({ status: 400, body: { scimType: 'invalidValue' } });
  });
});
