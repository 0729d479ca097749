import http from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { scimServer } from './test-support/client';

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
