import { ok, type Result } from '@shared/result';
import { backupDownloadAddress } from './http-api';

/**
 * Browser mode: downloads a backup from the backups folder by its id (its file
 * name there). The page asks, with its session key, for a one-use address, and
 * a plain link fetches it, so the browser writes the file to its downloads as
 * it arrives. The page never holds the file, nor names a path.
 */
export async function downloadBackup(id: string): Promise<Result<void>> {
  const address = await backupDownloadAddress(id);
  if (!address.ok) return address;
  const link = document.createElement('a');
  link.href = address.value.url;
  link.download = id;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  return ok(undefined);
}
