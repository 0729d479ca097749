/**
 * Browser mode: downloads a backup from the backups folder by its id (its file
 * name there), from the session-checked GET /api/backups/<id>. The page never
 * holds the file, nor names a path.
 */
export function backupDownloadUrl(id: string): string {
  return `/api/backups/${encodeURIComponent(id)}`;
}

export function downloadBackup(id: string): void {
  const link = document.createElement('a');
  link.href = backupDownloadUrl(id);
  link.download = id;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
