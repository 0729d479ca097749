import { z } from 'zod';

/**
 * How a file reached the person: saved by the desktop app where they chose
 * (main asked with a native dialog; `saveId` names it for "show in folder"), handed to the browser to download
 * (browser mode), or not at all because they cancelled the dialog.
 */
export const exportResultSchema = z.discriminatedUnion('kind', [
  // `rows`: the records in the file, where the export counts them (the activity report: members).
  z.object({ kind: z.literal('saved'), path: z.string(), saveId: z.string(), rows: z.int().nonnegative().optional() }),
  z.object({ kind: z.literal('download'), fileName: z.string(), content: z.string(), mimeType: z.string(), rows: z.int().nonnegative().optional() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type ExportResult = z.infer<typeof exportResultSchema>;
