import { describe, expect, it } from 'vitest';
import { scimServer } from './test-support/client';
import { userBody } from './test-support/user-fixtures';

/** Writes sent at once share a commit (group-commit.ts); each is still answered, audited and logged as its own. */
describe('SCIM writes sent together', () => {
  it('answers each its own outcome, audits the ones that succeeded, and logs every request', async () => {
    const scim = await scimServer();
    const answers = await Promise.all([
      scim.post('/Users', userBody('ana@acme.example')),
      scim.post('/Users', userBody('bo@acme.example')),
      scim.post('/Users', userBody('ANA@acme.example')),
      scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] }),
      scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Sales' }),
      scim.post('/Users', userBody('cy@acme.example')),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 409, 400, 201, 201]);
    for (const created of answers.filter((answer) => answer.status === 201)) expect(created.headers.get('etag')).toBe(created.body.meta.version);

    const db = scim.core.db;
    const actions = db.prepare("SELECT action, count(*) AS n FROM audit_events WHERE actor_type = 'scim' GROUP BY action ORDER BY action").all();
    expect(actions).toEqual(expect.arrayContaining([{ action: 'scim.user.create', n: 3 }]));
    expect(db.prepare('SELECT count(*) FROM scim_users').pluck().get()).toBe(3);
    scim.core.scim.log.flush();
    const logged = db.prepare("SELECT status FROM scim_requests WHERE method = 'POST' ORDER BY status").pluck().all();
    expect(logged).toEqual([201, 201, 201, 201, 400, 409]);

    // What was answered is what is stored: each user reads back with the version it was answered with.
    const ana = await scim.get(`/Users/${answers[0]!.body.id}`);
    expect(ana.body.meta.version).toBe(answers[0]!.body.meta.version);
  });
});
