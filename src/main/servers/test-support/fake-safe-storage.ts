import type { SafeStorageLike } from '../token-store';

/**
 * Stands in for Electron's safeStorage in tests: a reversible scrambling (XOR
 * with a key, then a marker), so a test can see that what reaches the disk is
 * not the token, and that only this "system key" reads it back.
 */
export function fakeSafeStorage(available = true, key = 0x5a): SafeStorageLike & { setAvailable(value: boolean): void } {
  let encryption = available;
  const MARKER = Buffer.from('fake-os-crypt:');
  return {
    setAvailable: (value) => {
      encryption = value;
    },
    isEncryptionAvailable: () => encryption,
    encryptString(plainText) {
      if (!encryption) throw new Error('Encryption is not available.');
      return Buffer.concat([MARKER, Buffer.from(Buffer.from(plainText, 'utf8').map((byte) => byte ^ key))]);
    },
    decryptString(encrypted) {
      if (!encryption) throw new Error('Encryption is not available.');
      if (!encrypted.subarray(0, MARKER.length).equals(MARKER)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(encrypted.subarray(MARKER.length).map((byte) => byte ^ key)).toString('utf8');
    },
  };
}
