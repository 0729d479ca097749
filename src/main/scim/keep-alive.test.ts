import http from 'node:http';
import net, { type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scimServer } from './test-support/client';
import { userBody } from './test-support/user-fixtures';

/** A GET over `agent`; answers the status, the Keep-Alive header and the socket it went over. */
function get(baseUrl: string, secret: string, agent: http.Agent): Promise<{ status: number; keepAlive: string | undefined; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/ServiceProviderConfig`, { agent, headers: { authorization: `Bearer ${secret}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode!, keepAlive: response.headers['keep-alive'] as string | undefined, socket: request.socket! }));
    });
    request.on('error', reject);
  });
}

describe('SCIM keep-alive connections', () => {
  it('stay open longer than a proxy keeps an idle upstream connection (60 s), and say so', async () => {
    const scim = await scimServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(scim.baseUrl, scim.secret, agent);
      expect(first.status).toBe(200);
      expect(first.keepAlive).toBe('timeout=65');
      const second = await get(scim.baseUrl, scim.secret, agent);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
    }
  });

  it('are closed by the server once idle for the limit', async () => {
    const scim = await scimServer({ limits: { keepAliveTimeoutMs: 1_000, timeoutCheckMs: 50 } });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(scim.baseUrl, scim.secret, agent);
      expect(first.keepAlive).toBe('timeout=1');
      const closed = await new Promise<boolean>((resolve) => {
        first.socket.once('close', () => resolve(true));
        setTimeout(() => resolve(false), 5_000);
      });
      expect(closed).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('stopping the SCIM server', () => {
  it('waits for a request in flight to be answered, then closes its connection at once rather than keeping it alive', async () => {
    const scim = await scimServer();
    const { hostname, port } = new URL(scim.baseUrl);
    const body = JSON.stringify(userBody('late@acme.example'));
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // The headers now, the body once the stop has begun: the request is in flight when it does.
    socket.write(`POST /scim/v2/Users HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${scim.secret}\r\nContent-Type: application/scim+json\r\nContent-Length: ${body.length}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = scim.core.scim.stop();
    socket.write(body);
    // Stopped well before the 65 s an idle connection is otherwise kept (the test's own limit is 20 s).
    expect(await stopped).toMatchObject({ ok: true, value: { running: false } });
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
  }, 20_000);
});
