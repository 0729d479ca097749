import { z } from 'zod';

/** Input of a channel that takes nothing: omitted, or an empty object. */
export const noInput = z.strictObject({}).optional();

/** Row ids are positive integers. */
export const idSchema = z.int({ error: 'Id must be a whole number' }).positive({ error: 'Id must be a positive number' });

/** Timestamps cross the process boundary as ISO 8601 strings in UTC. */
export const timestampSchema = z.iso.datetime();
