import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '@shared/schemas/activity';
import { importOutcome } from './import-outcome';

const summary = (over: Partial<ImportSummary>): ImportSummary => ({
  fileName: 'events.ndjson',
  format: 'ndjson',
  lines: 9,
  events: { signup: 4, login: 2, open: 2 },
  accountsCreated: 0,
  invitationsAccepted: 0,
  captured: 0,
  waiting: 0,
  rejected: 0,
  rejections: [],
  cancelled: false,
  committedLines: 9,
  ...over,
});

describe('how an import ended', () => {
  it('is done when every line was good', () => {
    expect(importOutcome(summary({}))).toEqual({
      tone: 'done',
      title: 'Imported events.ndjson: 9 lines.',
      notice: 'Imported 8 events from events.ndjson.',
    });
  });

  it('is partly done, a warning, when some lines were rejected and the good ones imported', () => {
    const outcome = importOutcome(summary({ rejected: 1, rejections: [{ line: 9, reason: 'unknown event type ("logout")' }] }));
    expect(outcome.tone).toBe('partial');
    expect(outcome.title).toBe('Partly imported events.ndjson: 9 lines read, 1 line rejected.');
    expect(outcome.notice).toBe('Partly imported events.ndjson: 8 events in, 1 line rejected (see Activity).');
  });

  it('failed when every line with something in it was rejected', () => {
    const outcome = importOutcome(summary({ lines: 3, events: { signup: 0, login: 0, open: 0 }, rejected: 3 }));
    expect(outcome.tone).toBe('failed');
    expect(outcome.title).toBe('Nothing imported from events.ndjson: 3 lines read, 3 lines rejected.');
    expect(outcome.notice).toBe('Nothing imported from events.ndjson: 3 lines rejected (see Activity).');
  });

  it('is partly done when the admin stopped it, whether or not lines were rejected', () => {
    const stopped = importOutcome(summary({ cancelled: true, committedLines: 5000, events: { signup: 1000, login: 0, open: 3999 } }));
    expect(stopped.tone).toBe('partial');
    expect(stopped.title).toBe('Import of events.ndjson cancelled after line 5,000: what came before is imported; import the file again to finish.');
    expect(stopped.notice).toBe('Cancelled the import of events.ndjson after 4,999 events.');
    expect(importOutcome(summary({ cancelled: true, rejected: 2 })).notice).toBe('Cancelled the import of events.ndjson after 8 events; 2 lines rejected (see Activity).');
  });
});
