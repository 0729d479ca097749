import { randomUUID } from 'node:crypto';
import type { ExportResult } from '@shared/schemas/exports';
import { ok, type Result } from '@shared/result';
import type { Host } from '../app/host';

/**
 * The files this run of the app saved, by an id the page may hold: "show in
 * folder" names the id, so the page never sends a path to main.
 */
export function createSavedFiles() {
  const paths = new Map<string, string>();
  return {
    remember(file: string): string {
      const id = randomUUID();
      paths.set(id, file);
      return id;
    },
    path: (id: string): string | undefined => paths.get(id),
  };
}
export type SavedFiles = ReturnType<typeof createSavedFiles>;

/**
 * Hands a finished file to the person: the desktop app saves it where they
 * choose in a native dialog; browser mode returns it for the browser to
 * download. The page never names a path.
 */
export async function deliverFile(host: Host, savedFiles: SavedFiles, fileName: string, content: string, mimeType = 'text/csv'): Promise<Result<ExportResult>> {
  if (!host.saveFile) return ok({ kind: 'download', fileName, content, mimeType });
  const saved = await host.saveFile(fileName, content);
  if (!saved.ok) return saved;
  return ok(saved.value === null ? { kind: 'cancelled' } : { kind: 'saved', path: saved.value, saveId: savedFiles.remember(saved.value) });
}
