import type { DiffResult, SeatTally } from '@shared/schemas/diff';
import type { Cell } from '../exports/csv';

export const DIFF_CSV_HEADER = ['section', 'kind', 'subject', 'detail', 'old', 'new'];

const seatRows: { key: keyof SeatTally; name: string }[] = [
  { key: 'total', name: 'total seats' },
  { key: 'inUse', name: 'seats in use' },
  { key: 'free', name: 'free seats' },
  { key: 'members', name: 'members' },
  { key: 'pendingInvitations', name: 'pending invitations' },
];

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** One CSV row per change: the seat numbers that moved first, then every section's changes. */
export function diffCsvRows(diff: DiffResult): Cell[][] {
  const rows: Cell[][] = [];
  for (const { key, name } of seatRows) {
    if (diff.seats.old[key] !== diff.seats.new[key]) rows.push(['Seats', 'changed', name, signed(diff.seats.new[key] - diff.seats.old[key]), diff.seats.old[key], diff.seats.new[key]]);
  }
  for (const section of diff.sections) {
    for (const change of section.changes) rows.push([section.title, change.kind, change.subject, change.detail, change.old, change.new]);
  }
  return rows;
}

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');

function changeText(change: { kind: string; subject: string; detail: string; old: string | null; new: string | null }): string {
  const detail = change.detail ? ` · ${change.detail}` : '';
  const values = change.old !== null && change.new !== null ? `: ${change.old} → ${change.new}` : change.new !== null ? `: ${change.new}` : change.old !== null ? `: was ${change.old}` : '';
  return `  ${change.kind.padEnd(18)} ${change.subject}${detail}${values}`;
}

/** The summary `roster diff` prints: the seats, then each section's counts and its first `cap` changes. */
export function describeDiff(diff: DiffResult, cap: number): string {
  const { from, to, seats } = diff;
  const what = (side: DiffResult['from']) => (side.copyOf ? `${side.enterprise}, offline copy of ${side.copyOf}` : side.enterprise);
  const lines = [`From OLD ${from.label} (${what(from)}, as of ${from.asOf})`, `  to NEW ${to.label} (${what(to)}, as of ${to.asOf})`, ''];
  lines.push('Seats          OLD      NEW   CHANGE');
  for (const { key, name } of seatRows.slice(0, 3)) {
    const [was, now] = [seats.old[key], seats.new[key]];
    lines.push(`  ${name.padEnd(12)} ${String(was).padStart(5)}  ${String(now).padStart(7)}  ${now === was ? '' : signed(now - was).padStart(7)}`.trimEnd());
  }
  for (const section of diff.sections) {
    lines.push('');
    if (section.total === 0) {
      lines.push(`${section.title}: no change`);
      continue;
    }
    lines.push(`${section.title}: ${countsText(section.counts)}`);
    for (const change of section.changes.slice(0, cap)) lines.push(changeText(change));
    const more = section.total - Math.min(cap, section.changes.length);
    if (more > 0) lines.push(`  and ${more} more`);
  }
  return lines.join('\n');
}
