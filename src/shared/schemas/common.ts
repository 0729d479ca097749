import { z } from 'zod';

/** Input of a channel that takes nothing: omitted, or an empty object. */
export const noInput = z.strictObject({}).optional();

/** Row ids are positive integers. */
export const idSchema = z.int({ error: 'Id must be a whole number' }).positive({ error: 'Id must be a positive number' });

/** Timestamps cross the process boundary as ISO 8601 strings in UTC. */
export const timestampSchema = z.iso.datetime();

/** Where a page starts in a list: 0 for the first row. */
export const offsetSchema = z.int({ error: 'Offset must be a whole number' }).min(0, { error: 'Offset cannot be negative' }).default(0);

/**
 * The version of a record that the page making an edit showed (docs/RULES.md,
 * V6): when the record has moved on since, the edit is refused as STALE. Left
 * out, the edit applies whatever the version (the command line, scripts).
 */
export const versionSchema = z.int({ error: 'Version must be a whole number' }).min(0, { error: 'Version cannot be negative' });
export const expectedVersionSchema = versionSchema.optional();
