import type { ExportResult } from '@shared/schemas/exports';
import { ok, type Result } from '@shared/result';
import type { Host } from '../app/handlers';

/**
 * Hands a finished file to the person: the desktop app saves it where they
 * choose in a native dialog; browser mode returns it for the browser to
 * download. The page never names a path.
 */
export async function deliverFile(host: Host, fileName: string, content: string, mimeType = 'text/csv'): Promise<Result<ExportResult>> {
  if (!host.saveFile) return ok({ kind: 'download', fileName, content, mimeType });
  const saved = await host.saveFile(fileName, content);
  if (!saved.ok) return saved;
  return ok(saved.value === null ? { kind: 'cancelled' } : { kind: 'saved', path: saved.value });
}
