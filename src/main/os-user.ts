import os from 'node:os';

/** The person at this machine, as the audit log names them. */
export function osUserName(): string {
  try {
    return os.userInfo().username || 'unknown user';
  } catch {
    return 'unknown user';
  }
}
