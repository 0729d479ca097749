import type { ExportResult } from '@shared/schemas/exports';

/** Hands a file made in memory to the browser's downloads, as a link with `download` would. */
export function downloadFile(fileName: string, content: string, mimeType: string): void {
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
 * cancelled the save dialog.
 */
export function finishExport(result: ExportResult, what: string): string | null {
  switch (result.kind) {
    case 'saved':
      return `Saved ${what} to ${result.path}.`;
    case 'download':
      downloadFile(result.fileName, result.content, result.mimeType);
      return `Downloaded ${what} as ${result.fileName}.`;
    case 'cancelled':
      return null;
  }
}
