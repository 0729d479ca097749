import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail, ok } from '@shared/result';
import { createToken, tokensMatch } from './auth';
import { SECURITY_HEADERS, sendResult } from './respond';

/** How long a download ticket is good for, and how many may wait at once (the oldest goes first). */
export const TICKET_LIFETIME_MS = 60_000;
const MAX_TICKETS = 16;

/**
 * One-use tickets for downloading a backup. The download is a plain link, so
 * the browser writes a file of any size straight to its downloads; but a link
 * cannot send the session key. So the page, with its key, first asks for a
 * ticket for one backup, good once and for a minute, and the link carries it.
 * The cookie alone cannot ask for one.
 */
export function createTicketBook(now: () => number) {
  const tickets: { ticket: string; id: string; expires: number }[] = [];
  return {
    issue(id: string): string {
      const ticket = createToken();
      tickets.push({ ticket, id, expires: now() + TICKET_LIFETIME_MS });
      if (tickets.length > MAX_TICKETS) tickets.shift();
      return ticket;
    },
    /** Whether `ticket` was issued for `id` and is still good; a ticket shown is spent, good or not. */
    redeem(ticket: string | null, id: string): boolean {
      const index = tickets.findIndex((entry) => tokensMatch(entry.ticket, ticket));
      if (index < 0) return false;
      const [entry] = tickets.splice(index, 1);
      return entry!.id === id && now() < entry!.expires;
    },
  };
}

const BACKUP_PREFIX = '/api/backups/';

/**
 * A listed backup, downloaded by its id (its name in the backups folder): the
 * page never names a path, and an id that is not a listed backup's is not found.
 * `POST /api/backups/<id>` (cookie and key) answers the one-use address;
 * `GET` on that address (cookie and ticket) sends the file.
 */
export function createBackupDownloads(backupFile: ((id: string) => string | null) | undefined, now: () => number) {
  const book = createTicketBook(now);
  const fileOf = (id: string) => {
    const file = backupFile?.(id) ?? null;
    const size = file ? fs.statSync(file, { throwIfNoEntry: false })?.size : undefined;
    return file && size !== undefined ? { file, size } : null;
  };
  const notFound = (response: ServerResponse) => sendResult(response, fail('NOT_FOUND', 'There is no such backup any more.'), 404);

  return {
    issue(response: ServerResponse, id: string) {
      if (!fileOf(id)) return notFound(response);
      sendResult(response, ok({ url: `${BACKUP_PREFIX}${encodeURIComponent(id)}?ticket=${book.issue(id)}` }));
    },

    /** Only for this page: the cookie (checked by the caller), a good ticket, and no request another site made. */
    serve(request: IncomingMessage, response: ServerResponse, id: string, ticket: string | null) {
      const site = request.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return sendResult(response, fail('FORBIDDEN', 'Calls from another site are refused.'), 403);
      }
      if (!book.redeem(ticket, id)) {
        return sendResult(response, fail('FORBIDDEN', 'This download address has been used or has expired. Choose Download again.'), 401);
      }
      const found = fileOf(id);
      if (!found) return notFound(response);
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/vnd.sqlite3',
        'Content-Length': String(found.size),
        'Content-Disposition': `attachment; filename="${id}"`,
        'Cache-Control': 'no-store',
      });
      fs.createReadStream(found.file)
        .on('error', () => response.destroy())
        .pipe(response);
    },
  };
}
