import fs from 'node:fs';
import path from 'node:path';
import { adminRoles, type AdminRole } from '@shared/schemas/admins';
import { userDataDir } from '../paths';

/**
 * The sign-ins `roster login` keeps (docs/decisions/command-line.md): one per
 * server origin, in credentials.json in the user's config folder (the app's
 * user-data folder), readable only by its user (0600, the folder 0700).
 */

export const CREDENTIALS_FILE = 'credentials.json';

export interface SavedLogin {
  token: string;
  email: string;
  role: AdminRole;
  expiresAt: string;
  savedAt: string;
}

interface CredentialsFile {
  version: 1;
  servers: Record<string, SavedLogin>;
}

export const credentialsPath = (env: NodeJS.ProcessEnv): string => path.join(userDataDir(env), CREDENTIALS_FILE);

/** The origin a server address is kept under: https://roster.example.com for https://roster.example.com/any/path. */
export const serverKey = (server: URL | string): string => new URL(String(server)).origin;

const isLogin = (value: unknown): value is SavedLogin => {
  const entry = value as Partial<SavedLogin> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.token === 'string' &&
    typeof entry.email === 'string' &&
    adminRoles.includes(entry.role as AdminRole) &&
    typeof entry.expiresAt === 'string' &&
    typeof entry.savedAt === 'string'
  );
};

/** Every saved sign-in; a missing or unreadable file is none (a hand-edited entry that does not parse is left out). */
export function readLogins(env: NodeJS.ProcessEnv): Record<string, SavedLogin> {
  let text: string;
  try {
    text = fs.readFileSync(credentialsPath(env), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Partial<CredentialsFile> | null;
    const servers = parsed?.servers && typeof parsed.servers === 'object' ? parsed.servers : {};
    return Object.fromEntries(Object.entries(servers).filter(([, entry]) => isLogin(entry)));
  } catch {
    return {};
  }
}

export const savedLogin = (env: NodeJS.ProcessEnv, server: URL | string): SavedLogin | null => readLogins(env)[serverKey(server)] ?? null;

/**
 * Writes the whole file again, under a temporary name created 0600 and renamed
 * over it, so it is never readable by others, nor left half written.
 */
function writeLogins(env: NodeJS.ProcessEnv, servers: Record<string, SavedLogin>): string {
  const file = credentialsPath(env);
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The folder may be the app's, made before with the usual 0755: only its user may list it from now on.
  if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  const body: CredentialsFile = { version: 1, servers };
  fs.writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  if (process.platform !== 'win32') fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, file);
  return file;
}

/** Keeps a sign-in for `server`, in place of the one before; answers the file's path. */
export function saveLogin(env: NodeJS.ProcessEnv, server: URL | string, login: SavedLogin): string {
  return writeLogins(env, { ...readLogins(env), [serverKey(server)]: login });
}

/** Forgets the sign-in for `server`; answers whether there was one. */
export function forgetLogin(env: NodeJS.ProcessEnv, server: URL | string): boolean {
  const logins = readLogins(env);
  const key = serverKey(server);
  if (!(key in logins)) return false;
  delete logins[key];
  writeLogins(env, logins);
  return true;
}
