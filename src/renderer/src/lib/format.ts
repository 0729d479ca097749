const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

const utcDayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A UTC calendar day (YYYY-MM-DD, as the activity report counts days), in the screen's one date format. */
export function formatDay(day: string): string {
  return utcDayFormat.format(new Date(`${day}T00:00:00Z`));
}

export function formatDateTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

const timeOfDayFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dayAndTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

/** A moment to the second: the time alone when it was today, else with its day ("Mar 3, 14:02:11"). */
export function formatTimeOfDay(iso: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toDateString() === now.toDateString() ? timeOfDayFormat.format(at) : dayAndTimeFormat.format(at);
}
