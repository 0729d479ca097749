import type { ExportResult } from '@shared/schemas/exports';
import { countOf } from '@shared/text';

/** Hands a file made in memory (text, or bytes such as an offline copy) to the browser's downloads, as a link with `download` would. */
export function downloadFile(fileName: string, content: string | ArrayBuffer, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; give it a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Finishes an export as main delivered it: the desktop app saved it where the
 * admin chose; browser mode sent the content, which goes to the browser's
 * downloads here. Returns the sentence to tell the admin, or null when they
 * cancelled the save dialog. `unit` ("member") counts the rows the export wrote.
 */
export function finishExport(result: ExportResult, what: string, unit?: string): string | null {
  // "Saved the activity report: 120 members to …", where the export counts what it wrote.
  const counted = unit && result.kind !== 'cancelled' && result.rows !== undefined ? `: ${countOf(result.rows, unit)}` : '';
  switch (result.kind) {
    case 'saved':
      return `Saved ${what}${counted} to ${result.path}.`;
    case 'download':
      downloadFile(result.fileName, result.content, result.mimeType);
      return `Downloaded ${what}${counted} as ${result.fileName}.`;
    case 'cancelled':
      return null;
  }
}
