import { describe, expect, it } from 'vitest';
import type { AdminSession } from '@shared/schemas/console-auth';
import { consoleServer } from './test-support/console-sign-in';

const listed = (response: { json(): unknown }) => (response.json() as { value: AdminSession[] }).value.map((session) => `${session.id} ${session.adminEmail}${session.current ? ' (this one)' : ''}`);

describe('sessions:list and sessions:end', () => {
  it('show an owner every live session and anyone else their own, with the caller’s marked and never a secret', async () => {
    const fixture = await consoleServer();
    const owner = await fixture.session('owner');
    const admin = await fixture.session('admin');
    await fixture.session('auditor');
    const ended = await fixture.session('admin');
    await ended.invoke('orgs:list');
    fixture.core.db.prepare('UPDATE admin_sessions SET ended_at = created_at, ended_by = ? WHERE id = 4').run('sign-out');

    const everyone = await owner.invoke('sessions:list');
    expect(listed(everyone)).toEqual(['2 admin@acme.example', '3 auditor@acme.example', '1 owner@acme.example (this one)']);
    expect((everyone.json() as { value: AdminSession[] }).value[0]).toEqual({
      id: 2,
      adminEmail: 'admin@acme.example',
      role: 'admin',
      method: 'password',
      address: '127.0.0.1',
      userAgent: 'lightMyRequest',
      createdAt: '2026-12-07T14:17:00.000Z',
      lastSeenAt: '2026-12-07T14:17:00.000Z',
      expiresAt: '2026-12-14T14:17:00.000Z',
      current: false,
    });
    expect(everyone.body).not.toContain(admin.session.csrfToken);
    expect(listed(await admin.invoke('sessions:list'))).toEqual(['2 admin@acme.example (this one)']);
    // With an API token: the token's admin's own, none of them current.
    const byToken = await fixture.app.inject({ method: 'POST', url: '/api/invoke/sessions:list', headers: { authorization: `Bearer ${fixture.tokens.auditor}` } });
    expect(listed(byToken)).toEqual(['3 auditor@acme.example']);
  });

  it('let an owner end any session, audited, and refuse everyone else with nothing changed', async () => {
    const fixture = await consoleServer();
    const owner = await fixture.session('owner');
    const admin = await fixture.session('admin');
    const refused = await admin.invoke('sessions:end', { id: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('"sessions:end" needs an owner') } });
    expect(listed(await owner.invoke('sessions:list'))).toEqual(['2 admin@acme.example', '1 owner@acme.example (this one)']);

    expect((await owner.invoke('sessions:end', { id: 2 })).json()).toMatchObject({ ok: true, value: { id: 2, adminEmail: 'admin@acme.example', current: false } });
    expect((await fixture.app.inject({ method: 'GET', url: '/auth/session', headers: { cookie: admin.cookie } })).json()).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Your session ended: an owner ended it. Sign in again.' },
    });
    expect((await owner.invoke('sessions:end', { id: 2 })).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no live session #2') } });
    expect((await owner.invoke('sessions:end', { id: 0 })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const event = fixture.core.db
      .prepare("SELECT actor_admin AS admin, actor_token AS token, target_id AS id, subject FROM audit_events WHERE action = 'admin.session.end'")
      .all();
    expect(event).toEqual([{ admin: 'owner@acme.example', token: 'console session #1', id: '2', subject: 'admin@acme.example' }]);
  });

  it('let an owner end their own session, which then signs them out', async () => {
    const fixture = await consoleServer();
    const owner = await fixture.session('owner');
    expect((await owner.invoke('sessions:end', { id: 1 })).json()).toMatchObject({ ok: true, value: { current: true } });
    expect((await owner.invoke('sessions:list')).statusCode).toBe(401);
  });
});
