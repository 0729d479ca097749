import { z } from 'zod';

/** What an event file says happened: an account signed up, logged in, or opened the client. */
export const eventTypes = ['signup', 'login', 'open'] as const;
export type EventType = (typeof eventTypes)[number];

export const importFormats = ['ndjson', 'csv'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** The first rejections an import keeps, with their line numbers; past this only the count grows. */
export const MAX_LISTED_REJECTIONS = 1000;

export const rejectionSchema = z.object({ line: z.int(), reason: z.string() });
export type Rejection = z.infer<typeof rejectionSchema>;

/** How an import went, line by line, totalled. */
export const importSummarySchema = z.object({
  fileName: z.string(),
  format: z.enum(importFormats),
  /** Lines read, blank lines and the CSV header included. */
  lines: z.int(),
  /** Events of each type that were good, whether or not they changed anything. */
  events: z.object({ signup: z.int(), login: z.int(), open: z.int() }),
  /** Accounts the signups created (an account that existed already is not created twice). */
  accountsCreated: z.int(),
  invitationsAccepted: z.int(),
  /** New accounts domain capture made members, and those it put on the waiting list for a seat. */
  captured: z.int(),
  waiting: z.int(),
  rejected: z.int(),
  /** The first rejections, at most MAX_LISTED_REJECTIONS. */
  rejections: z.array(rejectionSchema),
  /** True when the import stopped early (cancelled): the batches committed before it stand. */
  cancelled: z.boolean(),
  /** Lines inside committed batches: an import run again skips nothing, but this is how far it got. */
  committedLines: z.int(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

/** Sent while an import runs, after each committed batch. */
export const importProgressSchema = z.object({
  fileName: z.string(),
  bytesRead: z.int(),
  /** Null when the size is not known in advance. */
  totalBytes: z.int().nullable(),
  lines: z.int(),
  rejected: z.int(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

/** What this window's process is importing now, if anything, and how the last import ended. */
export const importStatusSchema = z.object({ running: importProgressSchema.nullable(), last: importSummarySchema.nullable() });
export type ImportStatus = z.infer<typeof importStatusSchema>;
