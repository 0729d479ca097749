import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { fakeSafeStorage } from './test-support/fake-safe-storage';
import { createTokenStore, TOKENS_FILE, type KeptSignIn } from './token-store';

const ACME = 'https://acme-roster.example.com';
const signIn: KeptSignIn = { token: 'rst_secret_token_value', expiresAt: '2026-12-08T12:00:00.000Z', email: 'ana@acme.com', role: 'admin' };

describe('the desktop app’s kept sign-ins', () => {
  it('are encrypted at rest, in a file only its owner may read (0600)', () => {
    const dir = tempDir();
    const store = createTokenStore(dir, fakeSafeStorage());
    expect(store.keep(ACME, signIn)).toBe(true);
    const file = path.join(dir, TOKENS_FILE);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(signIn.token);
    expect(text).not.toContain('ana@acme.com');
    expect(Object.keys(JSON.parse(text))).toEqual([ACME]);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(store.read(ACME)).toEqual(signIn);
  });

  it('keep nothing where the system cannot encrypt, and forget one kept before', () => {
    const dir = tempDir();
    const storage = fakeSafeStorage();
    const store = createTokenStore(dir, storage);
    store.keep(ACME, signIn);
    storage.setAvailable(false);
    expect(store.canKeep()).toBe(false);
    expect(store.keep(ACME, { ...signIn, token: 'rst_another' })).toBe(false);
    expect(fs.existsSync(path.join(dir, TOKENS_FILE))).toBe(false);
    expect(store.read(ACME)).toBeNull();
  });

  it('read nothing that another key encrypted (the system’s key store changed) or that was edited', () => {
    const dir = tempDir();
    createTokenStore(dir, fakeSafeStorage(true, 0x11)).keep(ACME, signIn);
    expect(createTokenStore(dir, fakeSafeStorage(true, 0x22)).read(ACME)).toBeNull();
    fs.writeFileSync(path.join(dir, TOKENS_FILE), '{ not json');
    expect(createTokenStore(dir, fakeSafeStorage()).read(ACME)).toBeNull();
  });

  it('keep one sign-in per server, and forget one without touching the others', () => {
    const dir = tempDir();
    const store = createTokenStore(dir, fakeSafeStorage());
    const other = 'http://127.0.0.1:8443';
    store.keep(ACME, signIn);
    store.keep(other, { ...signIn, token: 'rst_local', role: 'owner' });
    store.keep(ACME, { ...signIn, token: 'rst_newer' });
    expect(store.addresses().sort()).toEqual([other, ACME].sort());
    expect(store.read(ACME)?.token).toBe('rst_newer');
    store.forget(ACME);
    expect(store.read(ACME)).toBeNull();
    expect(store.read(other)?.role).toBe('owner');
    store.forget(other);
    expect(fs.existsSync(path.join(dir, TOKENS_FILE))).toBe(false);
  });

  it('count Linux without a keyring (Electron’s basic_text key, written in its own code) as no encryption', () => {
    const dir = tempDir();
    const store = createTokenStore(dir, { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'basic_text' });
    expect(store.canKeep()).toBe(false);
    expect(store.keep(ACME, signIn)).toBe(false);
    expect(fs.existsSync(path.join(dir, TOKENS_FILE))).toBe(false);
    expect(createTokenStore(dir, { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'gnome_libsecret' }).keep(ACME, signIn)).toBe(true);
  });
});
