/*
 * Dates on screen have one format (docs/decisions/accessibility.md): the
 * month by name, the day and the year, in the viewer's language ("Aug 10,
 * 2026", "10. Aug. 2026"), never a numeric order like 08/10 that readers of
 * another country read the other way round. A time, where one is shown, follows
 * that same date. Files keep ISO days (the CSV: YYYY-MM-DD, in UTC).
 */
const DATE_PARTS = { year: 'numeric', month: 'short', day: 'numeric' } as const;
const MINUTES = { hour: 'numeric', minute: '2-digit' } as const;
const SECONDS = { ...MINUTES, second: '2-digit' } as const;

export interface DateFormats {
  /** A moment's day in the viewer's time zone: "Aug 10, 2026". */
  date(iso: string): string;
  /** A UTC calendar day (YYYY-MM-DD, as the activity report counts days), in the same format. */
  day(day: string): string;
  /** A moment to the minute: "Aug 10, 2026, 3:02 PM". */
  dateTime(iso: string): string;
  /** A moment to the second: the time alone when it was today, else after its date ("Aug 10, 2026, 3:02:11 PM"). */
  timeOfDay(iso: string, now?: Date): string;
}

/** The formats for a language and time zone (the viewer's own when left out; tests name theirs). */
export function dateFormats(locale?: string, timeZone?: string): DateFormats {
  const date = new Intl.DateTimeFormat(locale, { ...DATE_PARTS, timeZone });
  const utcDay = new Intl.DateTimeFormat(locale, { ...DATE_PARTS, timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { ...DATE_PARTS, ...MINUTES, timeZone });
  const time = new Intl.DateTimeFormat(locale, { ...SECONDS, timeZone });
  const dateAndSeconds = new Intl.DateTimeFormat(locale, { ...DATE_PARTS, ...SECONDS, timeZone });
  return {
    date: (iso) => date.format(new Date(iso)),
    day: (day) => utcDay.format(new Date(`${day}T00:00:00Z`)),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    timeOfDay(iso, now = new Date()) {
      const at = new Date(iso);
      return date.format(at) === date.format(now) ? time.format(at) : dateAndSeconds.format(at);
    },
  };
}

const shown = dateFormats();

export const formatDate = shown.date;
export const formatDay = shown.day;
export const formatDateTime = shown.dateTime;
export const formatTimeOfDay = shown.timeOfDay;
