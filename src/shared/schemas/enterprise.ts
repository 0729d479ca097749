import { z } from 'zod';
import { timestampSchema } from './common';
import { nameSchema } from './names';

export const MAX_SEATS = 10_000_000;

export const seatCountSchema = z
  .int({ error: 'Seat count must be a whole number' })
  .min(1, { error: 'Seat count must be at least 1' })
  .max(MAX_SEATS, { error: `Seat count must be at most ${MAX_SEATS.toLocaleString('en-US')}` });

export const enterpriseNameSchema = nameSchema('Enterprise name');

export const createEnterpriseInput = z.strictObject({
  name: enterpriseNameSchema,
  seats: seatCountSchema,
});

export const enterpriseSchema = z.object({
  name: z.string(),
  seats: z.int(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});

export type Enterprise = z.infer<typeof enterpriseSchema>;
export type CreateEnterpriseInput = z.output<typeof createEnterpriseInput>;
export const renameEnterpriseInput = z.strictObject({ name: enterpriseNameSchema });

export const DEMO_MAX_MEMBERS = 1_000_000;

export const createDemoInput = z.strictObject({
  members: z
    .int({ error: 'Member count must be a whole number' })
    .min(1, { error: 'Member count must be at least 1' })
    .max(DEMO_MAX_MEMBERS, { error: `Member count must be at most ${DEMO_MAX_MEMBERS.toLocaleString('en-US')}` })
    .optional(),
  seed: z
    .int({ error: 'Seed must be a whole number' })
    .min(0, { error: 'Seed must be 0 or more' })
    .max(2 ** 32 - 1, { error: 'Seed must be below 4294967296' })
    .optional(),
});

export type CreateDemoInput = z.output<typeof createDemoInput>;
