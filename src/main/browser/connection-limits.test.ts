import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { request, start } from './test-support/server';

// Real sockets against a real server, with the limits made short so the tests
// run fast; every wait is for an event (a socket's close, a frame), never a sleep.

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with everything the server sent once it has closed the connection. */
function closed(socket: net.Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    // A server that hangs up while we still send may reset the connection: that is a close too.
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(text));
  });
}

/** Opens a connection that sends the start of a request's headers and never the rest. */
async function halfHeader(port: number): Promise<net.Socket> {
  const socket = await connect(port);
  socket.on('error', () => undefined);
  socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
  return socket;
}

/** A request whose headers arrive whole and whose body then comes a byte at a time, forever. */
async function trickle(port: number, path: string, headers: Record<string, string>): Promise<net.Socket> {
  const socket = await connect(port);
  const lines = Object.entries({ Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', 'Content-Length': '100000', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`POST ${path} HTTP/1.1\r\n${lines.join('')}\r\n{`);
  const drip = setInterval(() => (socket.writable ? socket.write(' ') : clearInterval(drip)), 20);
  socket.once('close', () => clearInterval(drip));
  return socket;
}

describe('browser mode: idle, slow and half-sent connections', () => {
  it('cuts off a client whose headers are not all in by the headers timeout', async () => {
    const { server } = await start({ limits: { headersTimeoutMs: 200, timeoutCheckMs: 50 } });
    const socket = await halfHeader(server.port);
    expect(await closed(socket)).toMatch(/^HTTP\/1\.1 408/);
  });

  it('answers the page while 300 connections hold half a header; past the cap the oldest of them are dropped', async () => {
    const { server, cookie } = await start({ limits: { maxConnections: 50 } });
    const sockets: net.Socket[] = [];
    const closes: Promise<string>[] = [];
    for (let i = 0; i < 300; i += 1) {
      const socket = await halfHeader(server.port);
      sockets.push(socket);
      closes.push(closed(socket));
    }
    const page = await request(server.port, { path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    await Promise.all(closes.slice(0, 250));
    sockets.forEach((socket) => socket.destroy());
  });

  it('does not wait for the rest of a refused request, nor for a call whose body comes too slowly', async () => {
    const { server, auth } = await start({ limits: { requestTimeoutMs: 200 } });
    const refused = closed(await trickle(server.port, '/api/invoke/orgs:create', {}));
    const slow = closed(await trickle(server.port, '/api/invoke/orgs:create', auth));
    expect(await refused).toMatch(/^HTTP\/1\.1 401/);
    expect(await slow).toMatch(/^HTTP\/1\.1 408/);
  });

  it('keeps the event stream and a slow import upload open past every timeout', async () => {
    const limits = { headersTimeoutMs: 100, requestTimeoutMs: 100, keepAliveTimeoutMs: 100, timeoutCheckMs: 20 };
    const { core, server, auth } = await start({ limits });
    const frames: string[] = [];
    let connected: () => void = () => {};
    const isConnected = new Promise<void>((resolve) => (connected = resolve));
    let framed: () => void = () => {};
    const isFramed = new Promise<void>((resolve) => (framed = resolve));
    const stream = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { Host: `127.0.0.1:${server.port}`, ...auth } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        if (text.includes(': connected')) connected();
        frames.push(...[...text.matchAll(/data: (.*)\n\n/g)].map((match) => match[1]!));
        if (frames.length > 0) framed();
      });
    });
    await isConnected;

    // An upload that starts first and ends only after the slow and idle connections begun after it have been cut off.
    let finishUpload: () => void = () => {};
    let uploading: () => void = () => {};
    const isUploading = new Promise<void>((resolve) => (uploading = resolve));
    const upload = new Promise<string>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/import', agent: false, headers: { Host: `127.0.0.1:${server.port}`, ...auth, 'X-File-Name': 'slow.ndjson' } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.once('socket', (socket) => socket.once('connect', uploading));
      req.write('{"type":"signup","email":"ana@acme.example","at":"2026-01-01T00:00:00Z"}\n');
      finishUpload = () => req.end();
    });
    await isUploading;
    const dawdler = await halfHeader(server.port);
    const idle = await connect(server.port);
    idle.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nCookie: ${auth.Cookie}\r\n\r\n`);
    const slow = await trickle(server.port, '/api/invoke/orgs:list', auth);
    const [dawdled, idled, slowed] = await Promise.all([closed(dawdler), closed(idle), closed(slow)]);
    expect(dawdled).toMatch(/^HTTP\/1\.1 408/);
    expect(idled).toMatch(/^HTTP\/1\.1 200/);
    expect(slowed).toMatch(/^HTTP\/1\.1 408/);
    finishUpload();
    expect(JSON.parse(await upload)).toMatchObject({ ok: true, value: { fileName: 'slow.ndjson', events: { signup: 1 } } });

    await core.invoke('orgs:create', { name: 'Still listening' });
    await isFramed;
    expect(frames.map((frame) => JSON.parse(frame) as unknown)).toContainEqual({ event: 'changed', payload: { areas: ['orgs'] } });
    stream.destroy();
  });
});
