import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fail, ok, type Result } from '@shared/result';
import { temporaryBeside } from '../backups/copy';
import { resultOf, send, unreachable, type RemoteTarget, type Sent } from '../remote/http-client';
import type { SnapshotInfo } from './info';
import { SHA256_HEADER, SNAPSHOT_CONTENT_TYPE, SNAPSHOT_INFO_HEADER, SNAPSHOT_PATH } from './wire';

export interface DownloadedSnapshot {
  path: string;
  size: number;
  sha256: string;
  info: SnapshotInfo;
}

const PART_WAY = 'The server stopped sending the copy part way; nothing was written. Take it again.';

/**
 * Asks a Roster server for an offline copy and writes it to `file`: under a
 * temporary name beside it, hashed as it arrives, and given its name only
 * when whole and its sha256 is the one the server sent. A refusal, a cut
 * connection or a copy damaged on the way leaves `file` as it was.
 */
export async function downloadSnapshot(target: RemoteTarget, file: string): Promise<Result<DownloadedSnapshot>> {
  const resolved = path.resolve(file);
  let sent: Sent;
  try {
    sent = await send(target, SNAPSHOT_PATH, '{}', { 'content-type': 'application/json' });
  } catch (error) {
    return unreachable(target.server, error as NodeJS.ErrnoException);
  }
  if (sent.status !== 200 || !sent.contentType.startsWith(SNAPSHOT_CONTENT_TYPE)) return (await resultOf(target, sent)) as Result<never>;
  const headers = (sent.body as unknown as { headers: Record<string, string | undefined> }).headers;
  const expected = headers[SHA256_HEADER.toLowerCase()];
  let info: SnapshotInfo;
  try {
    info = JSON.parse(decodeURIComponent(headers[SNAPSHOT_INFO_HEADER.toLowerCase()] ?? '')) as SnapshotInfo;
  } catch {
    sent.body.resume();
    return fail('UNAVAILABLE', `${target.server.origin} sent a copy without saying what it is; nothing was written.`);
  }
  if (!expected || !/^[0-9a-f]{64}$/.test(expected)) {
    sent.body.resume();
    return fail('UNAVAILABLE', `${target.server.origin} sent a copy without its sha256, so it cannot be checked; nothing was written.`);
  }
  const temporary = temporaryBeside(resolved, 'part');
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(sent.body, tap, fs.createWriteStream(temporary, { flags: 'wx' }));
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code && ['EACCES', 'ENOENT', 'EISDIR', 'ENOSPC', 'EROFS', 'EPERM'].includes(code)) return fail('UNAVAILABLE', `Could not write ${resolved}: ${(error as Error).message}.`);
    return fail('UNAVAILABLE', PART_WAY);
  }
  const actual = hash.digest('hex');
  if (actual !== expected) {
    fs.rmSync(temporary, { force: true });
    return fail(
      'UNAVAILABLE',
      `The copy arrived damaged: what came has sha256 ${actual.slice(0, 12)}…, the server sent ${expected.slice(0, 12)}…. Nothing was written; take it again.`,
    );
  }
  try {
    fs.renameSync(temporary, resolved);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    return fail('UNAVAILABLE', `Could not write ${resolved}: ${(error as Error).message}.`);
  }
  return ok({ path: resolved, size, sha256: actual, info });
}
