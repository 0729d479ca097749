import { CSRF_HEADER } from '@shared/schemas/console-auth';
import { fail, ok, type Result } from '@shared/result';
import { useConsoleSession } from '../stores/console-session-store';
import { downloadFile } from './download';

/** As main/snapshots/wire.ts names them (the renderer imports nothing of main). */
const SNAPSHOT_PATH = '/api/snapshot';
const SHA256_HEADER = 'x-roster-sha256';

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * The server's console: the server makes an offline copy (POST /api/snapshot,
 * the session's cookie and CSRF header) and the page hands it to the browser's
 * downloads only once its sha256 is the one the server sent, so a copy damaged
 * on the way is never saved. The copy is held in memory meanwhile.
 */
export async function downloadServerSnapshot(): Promise<Result<{ fileName: string; sha256: string }>> {
  const csrf = useConsoleSession.getState().session?.csrfToken ?? '';
  let response: Response;
  try {
    response = await fetch(SNAPSHOT_PATH, { method: 'POST', headers: { [CSRF_HEADER]: csrf, 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
  } catch {
    return fail('UNAVAILABLE', 'The server could not be reached to take the copy; nothing was saved.');
  }
  if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('application/vnd.sqlite3')) {
    try {
      return (await response.json()) as Result<never>;
    } catch {
      return fail('UNAVAILABLE', `The server did not send the copy (HTTP ${response.status}); nothing was saved.`);
    }
  }
  const expected = response.headers.get(SHA256_HEADER);
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch {
    return fail('UNAVAILABLE', 'The server stopped sending the copy part way; nothing was saved. Take it again.');
  }
  const actual = hex(await crypto.subtle.digest('SHA-256', bytes));
  if (!expected || actual !== expected) {
    return fail('UNAVAILABLE', 'The copy arrived damaged (its sha256 is not the one the server sent); nothing was saved. Take it again.');
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'roster-copy.db';
  downloadFile(fileName, bytes, 'application/vnd.sqlite3');
  return ok({ fileName, sha256: actual });
}
