import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../cli/run';
import { parseOptions, splitCommand } from '../cli/parse';
import { envNameOf, SERVER_OPTION_NAMES, serverOptionsFrom } from './options';
import { servesPlainHttpBeyondThisMachine } from './run';

// The files that run `roster server` outside this repository (deploy/, the Dockerfile) name its
// options and environment variables; these tests fail when one names what the command does not take.

const root = path.join(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Every variable Roster reads: each server option's ROSTER_<NAME>, and the folder for its data. */
const KNOWN_VARIABLES = new Set([...[...SERVER_OPTION_NAMES, 'db' as const].map(envNameOf), 'ROSTER_USER_DATA_DIR', 'ROSTER_OIDC_CLIENT_SECRET']);

/** The command a file runs: its words after out/main/cli.js, parsed as the command line parses them. */
function parsed(argv: string[]) {
  const at = argv.findIndex((arg) => arg.endsWith('out/main/cli.js'));
  expect(at, `no out/main/cli.js in ${argv.join(' ')}`).toBeGreaterThanOrEqual(0);
  const { words, rest } = splitCommand(commands, argv.slice(at + 1));
  const command = commands.find((candidate) => candidate.path.join(' ') === words.join(' '));
  expect(command, `"${words.join(' ')}" is not a roster command`).toBeDefined();
  const options = parseOptions(command!, rest);
  if ('error' in options) throw new Error(`roster ${argv.slice(at + 1).join(' ')}: ${options.error}`);
  return { words, values: options.values };
}

/** A systemd unit's ExecStart (a shell's -c script split into words, "..." as one) and its Environment= variables. */
function unit(file: string) {
  const text = read(file);
  const exec = /^ExecStart=(.+)$/m.exec(text)![1]!;
  const shell = /^\/bin\/sh -c '(?:exec )?(.+)'$/.exec(exec);
  const argv = ((shell ? shell[1]! : exec).match(/"[^"]*"|\S+/g) ?? []).map((arg) => arg.replace(/^"|"$/g, ''));
  const env = Object.fromEntries([...text.matchAll(/^Environment=(\w+)=(.*)$/gm)].map((match) => [match[1]!, match[2]!]));
  return { argv, env };
}

/** The Dockerfile's ENTRYPOINT and CMD (exec form), and the variables its ENV sets. */
function dockerfile() {
  const text = read('Dockerfile').replace(/\\\n\s*/g, ' ');
  const json = (instruction: string) => JSON.parse(new RegExp(`^${instruction} (\\[.+\\])$`, 'm').exec(text)![1]!) as string[];
  const lastStage = text.slice(text.lastIndexOf('\nFROM '));
  const env = Object.fromEntries([...lastStage.matchAll(/(ROSTER_\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
  return { argv: [...json('ENTRYPOINT'), ...json('CMD')], env };
}

describe('a server beyond this machine without TLS', () => {
  it('is warned about, unless TLS is served here or an https address (a proxy) stands in front', () => {
    const options = (host: string, more: { tls?: boolean; publicUrl?: string } = {}) => ({
      host,
      tls: more.tls ? { cert: Buffer.from(''), key: Buffer.from('') } : null,
      publicUrl: more.publicUrl ? new URL(more.publicUrl) : null,
    });
    expect(servesPlainHttpBeyondThisMachine(options('0.0.0.0'))).toBe(true);
    expect(servesPlainHttpBeyondThisMachine(options('10.0.0.5', { publicUrl: 'http://roster.acme.example' }))).toBe(true);
    expect(servesPlainHttpBeyondThisMachine(options('0.0.0.0', { publicUrl: 'https://roster.acme.example' }))).toBe(false);
    expect(servesPlainHttpBeyondThisMachine(options('0.0.0.0', { tls: true }))).toBe(false);
    for (const host of ['127.0.0.1', 'localhost', '::1']) expect(servesPlainHttpBeyondThisMachine(options(host))).toBe(false);
  });
});

describe('the files that deploy roster server', () => {
  it('the systemd unit starts roster server with options and variables it takes, and valid values', () => {
    const { argv, env } = unit('deploy/roster.service');
    const { words, values } = parsed(argv);
    expect(words).toEqual(['server']);
    for (const name of Object.keys(env).filter((name) => name.startsWith('ROSTER_'))) expect(KNOWN_VARIABLES, name).toContain(name);
    const options = serverOptionsFrom(values, env, '/nowhere/roster.db');
    expect(options).toMatchObject({ ok: true, value: { databasePath: '/var/lib/roster/roster.db', host: '127.0.0.1', port: 8080 } });
  });

  it('the Dockerfile runs roster server on every interface, its store in the volume', () => {
    const { argv, env } = dockerfile();
    const { words, values } = parsed(argv);
    expect(words).toEqual(['server']);
    for (const name of Object.keys(env)) expect(KNOWN_VARIABLES, name).toContain(name);
    expect(serverOptionsFrom(values, env, '/nowhere/roster.db')).toMatchObject({ ok: true, value: { databasePath: '/data/roster.db', host: '0.0.0.0', port: 8080 } });
    expect(read('Dockerfile')).toMatch(/^EXPOSE 8080$/m);
  });

  it('the scheduled backup runs roster backup --out on the service’s store', () => {
    const { argv, env } = unit('deploy/roster-backup.service');
    const { words, values } = parsed(argv);
    expect(words).toEqual(['backup']);
    expect(values.out).toMatch(/^\/srv\/roster-backups\//);
    expect(env).toMatchObject({ ROSTER_DB: '/var/lib/roster/roster.db', ROSTER_USER_DATA_DIR: '/var/lib/roster' });
  });

  it('Caddy and nginx forward to the port the unit listens on, and never buffer the event stream', () => {
    const { env } = unit('deploy/roster.service');
    const upstream = `${env.ROSTER_HOST}:${env.ROSTER_PORT}`;
    const caddy = read('deploy/Caddyfile');
    const nginx = read('deploy/nginx.conf');
    expect(caddy.match(/reverse_proxy (\S+)/g)).toEqual([`reverse_proxy ${upstream}`, `reverse_proxy ${upstream}`]);
    expect(caddy).toMatch(/handle \/api\/events \{\s*reverse_proxy \S+ \{\s*flush_interval -1/);
    expect(nginx).toContain(`server ${upstream};`);
    expect(nginx).toMatch(/location = \/api\/events \{[^}]*proxy_buffering off;/);
    // Both examples say how Roster is told to believe them.
    for (const text of [caddy, nginx]) expect(text).toContain('--trust-proxy 127.0.0.1 --public-url https://roster.example.com');
  });
});
