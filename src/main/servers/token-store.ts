import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { adminRoles } from '@shared/schemas/admins';

/** The part of Electron's safeStorage the store needs, injected so it is tested without Electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /**
   * Linux only: the key store in use. "basic_text" means no keyring was found
   * and Electron would encrypt with a key written in its own code, which
   * protects nothing: Roster counts that as no encryption.
   */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** A sign-in to a server: the token the server gave, when it runs out, and whom it is for. */
export const keptSignInSchema = z.object({
  token: z.string().min(1),
  /** ISO time; null when the token does not run out (an API token made without an expiry). */
  expiresAt: z.string().nullable(),
  email: z.string(),
  role: z.enum(adminRoles),
});
export type KeptSignIn = z.infer<typeof keptSignInSchema>;

export const TOKENS_FILE = 'server-tokens.json';

export interface TokenStore {
  /** Whether the system can encrypt: false means nothing is kept and the admin signs in each time. */
  canKeep(): boolean;
  /** Keeps the sign-in for `address`, encrypted; answers false (and keeps nothing, forgetting any earlier one) without encryption. */
  keep(address: string, signIn: KeptSignIn): boolean;
  /** The kept sign-in for `address`, or null (none kept, or one that no longer decrypts, as after a change of the system's keyring). */
  read(address: string): KeptSignIn | null;
  forget(address: string): void;
  /** The servers a sign-in is kept for. */
  addresses(): string[];
}

/**
 * Sign-ins kept by the desktop app (docs/SERVER.md, "The desktop app on a
 * server"): one file in the user-data folder, readable by its owner only
 * (0600), holding per server the token encrypted with the system's key store
 * through Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet). The
 * token is never written in the clear: where encryption is not available,
 * nothing is kept at all.
 */
export function createTokenStore(dir: string, safeStorage: SafeStorageLike): TokenStore {
  const file = path.join(dir, TOKENS_FILE);
  const encrypts = () => safeStorage.isEncryptionAvailable() && !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend?.() ?? '');

  const readAll = (): Record<string, string> => {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return {};
    }
  };

  // A temporary file made 0600 from the start, renamed over the old one: no moment when the tokens are readable by others or half written.
  const writeAll = (entries: Record<string, string>) => {
    fs.mkdirSync(dir, { recursive: true });
    if (Object.keys(entries).length === 0) return void fs.rmSync(file, { force: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(entries, null, 2)}\n`, { mode: 0o600 });
    fs.chmodSync(temporary, 0o600);
    fs.renameSync(temporary, file);
  };

  const forget = (address: string) => {
    const entries = readAll();
    if (!(address in entries)) return;
    delete entries[address];
    writeAll(entries);
  };

  return {
    canKeep: encrypts,
    keep(address, signIn) {
      if (!encrypts()) {
        forget(address);
        return false;
      }
      const encrypted = safeStorage.encryptString(JSON.stringify(keptSignInSchema.parse(signIn))).toString('base64');
      writeAll({ ...readAll(), [address]: encrypted });
      return true;
    },
    read(address) {
      const encrypted = readAll()[address];
      if (!encrypted || !encrypts()) return null;
      try {
        const parsed = keptSignInSchema.safeParse(JSON.parse(safeStorage.decryptString(Buffer.from(encrypted, 'base64'))));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    forget,
    addresses: () => Object.keys(readAll()),
  };
}
