import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { coreWithEnterprise } from '../test-support/temp-db';
import { value } from '../test-support/seats-helpers';
import { openExportReader } from './export-reader';
import { serverInProcess } from './test-support/server-fixture';

type Fixture = Awaited<ReturnType<typeof serverInProcess>>;
const opened: Fixture[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((fixture) => fixture.app.close()));
});

async function readAll(reader: ReturnType<typeof openExportReader>): Promise<string> {
  let text = '';
  try {
    for (let piece = await reader.next(); piece !== null; piece = await reader.next()) text += piece.text;
  } finally {
    reader.close();
  }
  return text;
}

describe('an export begins before its rows are read', () => {
  it('fixes its moment when `begun` settles (the server sends its headers then): a change after that is not in the file', async () => {
    const core = await coreWithEnterprise();
    value(await core.invoke('members:add', { email: 'before@acme.com' }));
    const at = { asOf: new Date().toISOString(), rule: core.services.settings.current().reportRule };
    const reader = openExportReader(core.db.name, { kind: 'report', at, bom: false }, null);
    await reader.begun;
    value(await core.invoke('members:add', { email: 'after@acme.com' }));
    const csv = await readAll(reader);
    expect(csv).toContain('before@acme.com');
    expect(csv).not.toContain('after@acme.com');
  });

  it('answers a store it cannot read with a Result and no CSV, not a download cut off after its headers', async () => {
    const fixture = await serverInProcess();
    opened.push(fixture);
    // The server's own connection stays open; the export's cannot open the file any more.
    fs.renameSync(fixture.core.db.name, `${fixture.core.db.name}.moved`);
    const answer = await fixture.app.inject({ method: 'POST', url: '/api/export/report', payload: {}, headers: { authorization: `Bearer ${fixture.tokens.owner}`, 'content-type': 'application/json' } });
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['content-disposition']).toBeUndefined();
    expect(answer.json()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    fs.renameSync(`${fixture.core.db.name}.moved`, fixture.core.db.name);
  });
});
