import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

async function enterprise() {
  const db = path.join(tempDir(), 'roster.db');
  for (const args of [
    ['init', '--name', 'Acme', '--seats', '10'],
    ['orgs', 'add', '--name', 'Engineering'],
    ['orgs', 'add', '--name', 'Product'],
    ['members', 'add', '--email', 'ana@acme.com'],
  ]) {
    expect((await roster(...args, '--db', db)).status).toBe(0);
  }
  return db;
}

describe('roster teams', () => {
  it('adds, links, fills, lists, renames and removes teams', async () => {
    const db = await enterprise();
    expect(await roster('teams', 'add', '--name', 'Leads', '--role', 'admin', '--db', db)).toMatchObject({ status: 0, stdout: 'Added team "Leads" (admin).' });
    expect(await roster('teams', 'link', '--team', 'leads', '--all-orgs', '--db', db)).toMatchObject({ status: 0 });
    expect(await roster('teams', 'members', 'add', '--team', 'LEADS', '--email', 'ana@acme.com', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Added ana@acme.com to "Leads".',
    });
    const listed = JSON.parse((await roster('teams', 'list', '--json', '--db', db)).stdout);
    expect(listed).toMatchObject([{ name: 'Leads', role: 'admin', source: 'manual', allOrgs: true, memberCount: 1 }]);
    expect(await roster('teams', 'rename', '--name', 'leads', '--to', 'Admins', '--db', db)).toMatchObject({ status: 0, stdout: 'Renamed team "Leads" to "Admins".' });
    expect(await roster('teams', 'role', '--team', 'admins', '--role', 'member', '--db', db)).toMatchObject({ status: 0, stdout: '"Admins" gives member where it is linked.' });
    expect(await roster('teams', 'role', '--team', 'admins', '--role', 'owner', '--db', db)).toMatchObject({ status: 2 });
    expect(await roster('teams', 'members', 'remove', '--team', 'admins', '--email', 'ana@acme.com', '--db', db)).toMatchObject({
      status: 0,
      stdout: 'Removed ana@acme.com from "Admins". Their seat stays.',
    });
    expect(await roster('teams', 'remove', '--name', 'Admins', '--db', db)).toMatchObject({ status: 0, stdout: 'Removed team "Admins". No seat was freed.' });
    expect(JSON.parse((await roster('seats', '--json', '--db', db)).stdout).members).toBe(1);
  });

  it('needs exactly one of --org and --all-orgs to link (exit 2), and a known team and organization (exit 1)', async () => {
    const db = await enterprise();
    await roster('teams', 'add', '--name', 'Devs', '--db', db);
    expect(await roster('teams', 'link', '--team', 'Devs', '--db', db)).toMatchObject({ status: 2, stderr: 'roster: give either --org ORG or --all-orgs' });
    expect(await roster('teams', 'link', '--team', 'Devs', '--org', 'Engineering', '--all-orgs', '--db', db)).toMatchObject({ status: 2 });
    expect(await roster('teams', 'link', '--team', 'Nobody', '--org', 'Engineering', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: There is no team named "Nobody".' });
    expect(await roster('teams', 'link', '--team', 'Devs', '--org', 'Nowhere', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: There is no organization named "Nowhere".' });
    expect(await roster('teams', 'unlink', '--team', 'Devs', '--org', 'Product', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: Devs is not linked to Product. Nothing was unlinked.' });
  });

  it('refuses to unlink one organization from a team linked to all of them (exit 1), and points to --all-orgs', async () => {
    const db = await enterprise();
    for (const args of [
      ['teams', 'add', '--name', 'Admins'],
      ['teams', 'link', '--team', 'Admins', '--org', 'Engineering'],
      ['teams', 'link', '--team', 'Admins', '--all-orgs'],
    ]) {
      expect((await roster(...args, '--db', db)).status).toBe(0);
    }
    for (const org of ['Engineering', 'Product']) {
      const refused = await roster('teams', 'unlink', '--team', 'admins', '--org', org, '--db', db);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`^roster: Admins is linked to all organizations, which covers ${org}: unlinking ${org} alone would take nothing away\\.`));
      expect(refused.stderr).toMatch(/To take away what it gives in every organization: roster teams unlink --team "Admins" --all-orgs$/);
    }
    const json = await roster('teams', 'unlink', '--team', 'Admins', '--org', 'Product', '--json', '--db', db);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/--all-orgs$/) } });
    expect(JSON.parse((await roster('teams', 'list', '--json', '--db', db)).stdout)).toMatchObject([{ allOrgs: true, organizations: [{ name: 'Engineering' }] }]);
    expect(await roster('teams', 'unlink', '--team', 'Admins', '--all-orgs', '--db', db)).toMatchObject({ status: 0 });
    expect(await roster('teams', 'unlink', '--team', 'Admins', '--org', 'Engineering', '--db', db)).toMatchObject({ status: 0, stdout: 'Unlinked "Admins" from "Engineering".' });
  });
});

describe('roster access', () => {
  it('lists each organization with its effective role and every path, the winner first', async () => {
    const db = await enterprise();
    for (const args of [
      ['teams', 'add', '--name', 'Devs'],
      ['teams', 'add', '--name', 'Leads', '--role', 'admin'],
      ['teams', 'link', '--team', 'Devs', '--org', 'Engineering'],
      ['teams', 'link', '--team', 'Leads', '--org', 'Engineering'],
      ['teams', 'members', 'add', '--team', 'Devs', '--email', 'ana@acme.com'],
      ['teams', 'members', 'add', '--team', 'Leads', '--email', 'ana@acme.com'],
    ]) {
      expect((await roster(...args, '--db', db)).status).toBe(0);
    }
    const json = await roster('access', '--email', 'ANA@acme.com', '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        organization: 'Engineering',
        role: 'admin',
        paths: [
          { via: 'team', team: 'Leads', role: 'admin', wins: true },
          { via: 'team', team: 'Devs', role: 'member', wins: false },
        ],
      },
    ]);
    const text = await roster('access', '--email', 'ana@acme.com', '--db', db);
    expect(text.stdout.split('\n')).toEqual([
      'ORGANIZATION  ROLE   WINS                    OTHER PATHS',
      'Engineering   admin  via team Leads (admin)  via team Devs (member)',
    ]);
  });

  it('refuses someone who holds no seat (exit 1)', async () => {
    const db = await enterprise();
    expect(await roster('access', '--email', 'nobody@acme.com', '--db', db)).toMatchObject({ status: 1, stderr: 'roster: nobody@acme.com holds no seat in this enterprise.' });
  });
});

describe('roster invite --team', () => {
  it('names teams in the invitation', async () => {
    const db = await enterprise();
    await roster('teams', 'add', '--name', 'Devs', '--db', db);
    expect(await roster('invite', '--email', 'bo@acme.com', '--team', 'devs', '--org', 'Product', '--db', db)).toMatchObject({
      status: 0,
      stdout: expect.stringMatching(/^Invited bo@acme.com as member to team Devs, Product\./),
    });
  });
});
