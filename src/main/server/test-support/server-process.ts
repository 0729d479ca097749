import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  child: ChildProcess;
  /** Where it serves, from its first line. */
  url: string;
  /** Every line it printed after the first (its JSON log). */
  lines: string[];
  /** Resolves with its exit code once it has exited. */
  exited: Promise<number | null>;
}

/**
 * `roster server ...` as a real process of the bundled command line; resolves
 * once its first line says where it serves, and rejects with what it said
 * otherwise.
 */
export function startServerProcess(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script, 'server', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let first = true;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!first) return void lines.push(line);
      first = false;
      const match = /^Roster server at (\S+) \(SCIM 2\.0 at (\S+)\)$/.exec(line);
      if (match) resolve({ child, url: match[1]!, lines, exited });
      else reject(new Error(`roster server said first: ${line}\n${stderr}`));
    });
    void exited.then((code) => reject(new Error(`roster server exited with ${code}: ${stderr}`)));
  });
}

/** A JSON request to the server, over https with a private CA when given. */
export function request(
  url: string,
  options: { method?: string; token?: string; body?: unknown; ca?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  if (target.protocol === 'https:') {
    return new Promise((resolve, reject) => {
      const sent = https.request(target, { method: options.method ?? 'GET', headers, ca: options.ca }, (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
      });
      sent.on('error', reject);
      sent.end(body);
    });
  }
  return fetch(target, { method: options.method ?? 'GET', headers, body }).then(async (response) => ({
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  }));
}
