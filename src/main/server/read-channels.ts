import type { Channel } from '@shared/ipc/contract';

/**
 * The queries the console's pages ask most and that read the most rows
 * (Licenses, a member's page, a team's or an organization's members, search,
 * access, the Activity screen): `roster server` answers them from read workers (read-pool.ts), so
 * an admin's page is never read on the thread that takes SCIM's writes, and
 * neither waits for the other. Only queries: a worker's connection is
 * read-only. Every other channel runs on the server's own thread, as before.
 */
export const WORKER_READS = [
  'seats:usage',
  'seats:list',
  'seats:ids',
  'members:list',
  'members:search',
  'members:get',
  'members:find',
  'teams:list',
  'teams:page',
  'teams:get',
  'teams:members',
  'orgs:list',
  'orgs:get',
  'orgs:members',
  'orgs:teams',
  'access:member',
  'access:org',
  // The Activity screen's: each reads every member (seconds at a million), which on the server's thread held SCIM behind it.
  'report:page',
  'report:summary',
  'report:inactive',
] as const satisfies readonly Channel[];

export type WorkerRead = (typeof WORKER_READS)[number];

const reads: ReadonlySet<string> = new Set(WORKER_READS);
export const isWorkerRead = (channel: string): channel is WorkerRead => reads.has(channel);
