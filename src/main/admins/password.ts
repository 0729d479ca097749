import { hash, verify } from '@node-rs/argon2';

/**
 * Admins' passwords for signing in to a server's console (break-glass, beside
 * the identity provider): argon2id with OWASP's minimum parameters (19 MiB,
 * two passes, one lane), its salt and parameters kept in the PHC string, so
 * they can rise later without breaking the hashes already stored.
 */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

/** Whether `password` is the one hashed; false (never a throw) for a hash that is not one. */
export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
