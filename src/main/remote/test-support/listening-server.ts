import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { buildRosterServer } from '../../server/app';
import { serverInProcess, testServerOptions } from '../../server/test-support/server-fixture';

type InProcess = Awaited<ReturnType<typeof serverInProcess>>;

export interface ListeningServer extends InProcess {
  url: URL;
  /** Stops answering: the port is closed and every connection, event streams too, is cut. */
  stop(): Promise<void>;
  /** Serves the same store again on the same port (a restarted server). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A Roster server on a real socket (127.0.0.1, a free port) over a temporary store with an owner, an admin and an auditor. */
export async function listeningServer(): Promise<ListeningServer> {
  const fixture = await serverInProcess();
  let app = fixture.app;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  let running = true;
  const stop = async () => {
    if (!running) return;
    running = false;
    const closing = app.close();
    app.server.closeAllConnections();
    await closing;
  };
  return {
    ...fixture,
    url: new URL(`http://127.0.0.1:${port}`),
    stop,
    async start() {
      app = buildRosterServer({ core: fixture.core, admins: fixture.admins, options: testServerOptions(fixture.core.db.name), logger: pino({ level: 'silent' }) });
      await app.listen({ host: '127.0.0.1', port });
      running = true;
    },
    async close() {
      await stop();
      fixture.core.close();
    },
  };
}

/**
 * A proxy in front of a server that loses the answer of the first command it
 * forwards: the server runs it and answers, and the client sees its connection
 * cut, as when a network drops between the two.
 */
export async function answerLosingProxy(server: URL, isCommand: (path: string) => boolean): Promise<{ url: URL; dropped: () => number; close(): Promise<void> }> {
  let dropped = 0;
  const proxy = http.createServer((request, response) => {
    const upstream = http.request(new URL(request.url ?? '/', server), { method: request.method, headers: request.headers }, (answer) => {
      if (dropped === 0 && isCommand(request.url ?? '')) {
        dropped += 1;
        answer.resume();
        answer.on('end', () => response.socket?.destroy());
        return;
      }
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`),
    dropped: () => dropped,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}
