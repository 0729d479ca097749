import { expect, MODE, test } from './fixtures';
import { ScimPage } from './pages/scim-page';
import { TeamPage } from './pages/team-page';
import { exitCode, firstLine } from './processes';

const get = (url: string, token: string) => fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } });

test.describe('SCIM', () => {
  test('an admin starts the server, copies its URL, makes a token and watches requests arrive', async ({ app }) => {
    const scim = new ScimPage(app.page);
    await scim.open();
    await expect(scim.serverStatus).toContainText('Stopped');
    await expect(scim.port).toHaveValue('8787');
    await expect(app.page.getByText('listens on 127.0.0.1 only')).toBeVisible();

    // Start on any free port: the base URL is on screen and copies.
    const baseUrl = await scim.start(0);
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    await expect(scim.serverStatus).toContainText('Running');
    await expect(scim.port).toBeDisabled();
    // The window grants the page clipboard writes only (shell/permissions.ts): read it back from main there.
    if (MODE === 'browser') await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const clipboard = () =>
      MODE === 'electron' ? app.electronApp!.evaluate(({ clipboard: system }) => system.readText()) : app.page.evaluate(() => navigator.clipboard.readText());
    await scim.copyBaseUrl.click();
    await expect(scim.copyBaseUrl).toHaveText('Copied');
    await expect.poll(clipboard).toBe(baseUrl);

    // A token, shown once.
    const secret = await scim.createToken('Okta production', 30);
    expect(secret).toMatch(/^roster_scim_[\w-]{43}$/);
    await expect(scim.dialog).toContainText('you will not see it again');
    await scim.dialog.getByRole('button', { name: 'Copy token' }).click();
    await expect.poll(clipboard).toBe(secret);
    await scim.dialog.getByRole('button', { name: 'Done' }).click();
    await expect(scim.dialog).toBeHidden();
    await expect(scim.token('Okta production')).toContainText('Valid');
    await expect(scim.token('Okta production')).toContainText('Never');
    await expect(app.page.getByText(secret)).toHaveCount(0);

    // Real requests from outside the app: one served, one refused.
    const config = await get(`${baseUrl}/ServiceProviderConfig`, secret);
    expect(config.status).toBe(200);
    expect(config.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect((await get(`${baseUrl}/ServiceProviderConfig`, 'roster_scim_not-a-token')).status).toBe(401);

    // GETs announce nothing; the screen polls while the server runs.
    await expect(scim.request('Okta production', 'GET', '/scim/v2/ServiceProviderConfig', '200')).toHaveCount(1);
    await expect(scim.request('None', 'GET', '/scim/v2/ServiceProviderConfig', '401', 'The bearer token is not valid')).toHaveCount(1);
    await expect(scim.token('Okta production')).not.toContainText('Never');

    // Filters: failed only, then a search.
    await scim.outcome.selectOption({ label: 'Failed' });
    await expect(scim.requestRows).toHaveCount(1);
    await expect(scim.requestRows).toContainText('401');
    await scim.outcome.selectOption({ label: 'All requests' });
    await scim.method.selectOption('POST');
    await expect(scim.requests).toContainText('No request matches these filters.');
    await scim.method.selectOption({ label: 'Any method' });
    await scim.search.fill('okta');
    await expect(scim.requestRows).toHaveCount(1);
    await scim.search.fill('');
    await expect(scim.requestRows).toHaveCount(2);

    // Revoked: the same token is refused from then on.
    await scim.revoke('Okta production');
    await expect(scim.token('Okta production')).toContainText('Revoked');
    await expect(scim.tokens.getByRole('button', { name: 'Revoke Okta production' })).toHaveCount(0);
    expect((await get(`${baseUrl}/ServiceProviderConfig`, secret)).status).toBe(401);
    // The log names the revoked token and why, though the answer does not.
    await expect(scim.request('Okta production', '401', 'revoked')).toHaveCount(1);

    await scim.stopButton.click();
    await expect(scim.serverStatus).toContainText('Stopped');
    await expect(get(`${baseUrl}/ServiceProviderConfig`, secret)).rejects.toThrow();
  });

  test('a taken port is refused with the reason, and a token name must be new', async ({ app }) => {
    const scim = new ScimPage(app.page);
    await scim.open();
    const baseUrl = await scim.start(0);
    const port = new URL(baseUrl).port;
    await scim.stopButton.click();
    await expect(scim.serverStatus).toContainText('Stopped');

    // Another program (here: roster scim serve would be one) holds the port.
    const { createServer } = await import('node:net');
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(Number(port), '127.0.0.1', resolve));
    try {
      await scim.port.fill(port);
      await scim.startButton.click();
      await expect(scim.server.getByRole('alert')).toHaveText(`Port ${port} on 127.0.0.1 is in use by another program; choose another port, or 0 for any free one.`);
      await expect(scim.serverStatus).toContainText('Stopped');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }

    await scim.createToken('Entra');
    await scim.dialog.getByRole('button', { name: 'Done' }).click();
    await scim.newTokenButton.click();
    await scim.dialog.getByLabel('Name', { exact: true }).fill('entra');
    await scim.dialog.getByRole('button', { name: 'Create token' }).click();
    await expect(scim.dialog.getByRole('alert')).toHaveText('There is a token named entra already; give this one another name.');
    await scim.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(scim.tokens.getByRole('row')).toHaveCount(2);
  });

  test('a group from the identity provider shows a member without a seat as not applied, until the provider enables them', async ({ app }) => {
    const { token } = JSON.parse((await app.arrange('scim', 'token', 'create', '--name', 'Entra', '--json')).stdout) as { token: string };
    const server = app.spawnRoster('scim', 'serve', '--port', '0');
    try {
      const baseUrl = (await firstLine(server)).slice('SCIM 2.0 at '.length);
      const send = async (method: string, url: string, body: unknown) => {
        const answer = await fetch(`${baseUrl}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, body: JSON.stringify(body) });
        expect(answer.status, `${method} ${url}`).toBeLessThan(300);
        return (await answer.json()) as { id: string };
      };
      const user = 'urn:ietf:params:scim:schemas:core:2.0:User';
      // Entra sends disabled users in groups, and userNames that are not addresses.
      const off = await send('POST', '/Users', { schemas: [user], userName: 'EMP-0042', displayName: 'Ola Off', emails: [{ value: 'ola@northwind.example', type: 'work', primary: true }], active: false });
      const on = await send('POST', '/Users', { schemas: [user], userName: 'ana@northwind.example', displayName: 'Ana On', active: true });
      await send('POST', '/Groups', { displayName: 'Entra Support', members: [{ value: off.id }, { value: on.id }] });

      const team = new TeamPage(app.page, 'Entra Support');
      await team.open();
      await expect(team.members).toHaveCount(1);
      await expect(team.members).toContainText('ana@northwind.example');
      const waiting = app.page.getByRole('table', { name: 'People in Entra Support without a seat' });
      await expect(waiting.getByRole('row', { name: /ola@northwind\.example/ })).toContainText('No seat: not applied');

      // Enabled in the provider: the team applies at once, with no group request.
      await send('PATCH', `/Users/${off.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: true }] });
      await expect(team.members).toHaveCount(2);
      await expect(waiting).toBeHidden();
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exitCode(server)).toBe(0);
  });
});
