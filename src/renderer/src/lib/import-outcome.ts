import type { ImportSummary } from '@shared/schemas/activity';
import { countOf } from '@shared/text';

/**
 * How an import ended, as the Activity screen and the notice say it:
 * - done: every line was good;
 * - partial: some lines were rejected and the good ones imported, or the admin
 *   stopped it half way; a warning, never an error, since what was good is in;
 * - failed: every line that held something was rejected, so nothing came in.
 */
export type ImportTone = 'done' | 'partial' | 'failed';

export interface ImportOutcome {
  tone: ImportTone;
  /** The panel's first line. */
  title: string;
  /** The brief notice seen from any screen. */
  notice: string;
}

const eventCount = (summary: ImportSummary) => summary.events.signup + summary.events.login + summary.events.open;

export function importOutcome(summary: ImportSummary): ImportOutcome {
  const events = eventCount(summary);
  const rejected = countOf(summary.rejected, 'line');
  if (summary.cancelled) {
    return {
      tone: 'partial',
      title: `Import of ${summary.fileName} cancelled after line ${summary.committedLines.toLocaleString('en-US')}: what came before is imported; import the file again to finish.`,
      notice: `Cancelled the import of ${summary.fileName} after ${countOf(events, 'event')}${summary.rejected > 0 ? `; ${rejected} rejected (see Activity)` : ''}.`,
    };
  }
  if (summary.rejected === 0) {
    return {
      tone: 'done',
      title: `Imported ${summary.fileName}: ${countOf(summary.lines, 'line')}.`,
      notice: `Imported ${countOf(events, 'event')} from ${summary.fileName}.`,
    };
  }
  if (events === 0) {
    return {
      tone: 'failed',
      title: `Nothing imported from ${summary.fileName}: ${countOf(summary.lines, 'line')} read, ${rejected} rejected.`,
      notice: `Nothing imported from ${summary.fileName}: ${rejected} rejected (see Activity).`,
    };
  }
  return {
    tone: 'partial',
    title: `Partly imported ${summary.fileName}: ${countOf(summary.lines, 'line')} read, ${rejected} rejected.`,
    notice: `Partly imported ${summary.fileName}: ${countOf(events, 'event')} in, ${rejected} rejected (see Activity).`,
  };
}
