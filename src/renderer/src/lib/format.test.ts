import { describe, expect, it } from 'vitest';
import { dateFormats } from './format';

// Intl may put a narrow no-break space before AM/PM; the tests read it as a space.
const plain = (text: string) => text.replace(/\u202f/g, ' ');

describe('the one date format on screen', () => {
  const utc = dateFormats('en-US', 'UTC');

  it('writes a day with the month by name and the year', () => {
    expect(utc.date('2026-08-10T15:02:11Z')).toBe('Aug 10, 2026');
    expect(utc.day('2026-08-10')).toBe('Aug 10, 2026');
  });

  it('puts a time after that same date, to the minute or to the second', () => {
    expect(plain(utc.dateTime('2026-08-10T15:02:11Z'))).toBe('Aug 10, 2026, 3:02 PM');
    expect(plain(utc.timeOfDay('2026-08-09T15:02:11Z', new Date('2026-08-10T09:00:00Z')))).toBe('Aug 9, 2026, 3:02:11 PM');
  });

  it('gives the time alone for a moment earlier today, in the viewer’s time zone', () => {
    expect(plain(utc.timeOfDay('2026-08-10T01:02:03Z', new Date('2026-08-10T23:00:00Z')))).toBe('1:02:03 AM');
    // 01:02 UTC on the 10th is still the 9th in Los Angeles, and 23:00 UTC is the 10th there.
    const losAngeles = dateFormats('en-US', 'America/Los_Angeles');
    expect(plain(losAngeles.timeOfDay('2026-08-10T01:02:03Z', new Date('2026-08-10T23:00:00Z')))).toBe('Aug 9, 2026, 6:02:03 PM');
  });

  it('shows a UTC day as that day in every time zone', () => {
    for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Pacific/Pago_Pago']) {
      expect(dateFormats('en-US', zone).day('2025-05-20')).toBe('May 20, 2025');
    }
  });

  it('uses the same date, month by name, in another language too', () => {
    const german = dateFormats('de-DE', 'UTC');
    const day = german.date('2026-08-10T15:02:11Z');
    expect(day).toBe('10. Aug. 2026');
    expect(german.day('2026-08-10')).toBe(day);
    expect(german.dateTime('2026-08-10T15:02:11Z').startsWith(day)).toBe(true);
    expect(german.timeOfDay('2026-08-09T15:02:11Z', new Date('2026-08-10T09:00:00Z')).startsWith('9. Aug. 2026')).toBe(true);
  });
});
