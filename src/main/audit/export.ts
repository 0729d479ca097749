import type { AuditFilter } from '@shared/schemas/audit';
import { toCsv, toCsvRecords } from '../exports/csv';
import type { AuditEvent, AuditRepository } from './repository';

export const AUDIT_CSV_HEADER = ['Time', 'Actor type', 'Actor', 'Action', 'Target type', 'Target', 'Target id', 'Before', 'After'];

/** What a Before or After cell holds: the value as JSON, empty when nothing was recorded, the text itself when it is damaged. */
function cell(value: unknown, damaged: string | undefined): string | null {
  if (damaged !== undefined) return `${DAMAGED_PREFIX}${damaged}`;
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Starts a cell whose stored text is not JSON (a file restored from a damaged backup), before that text. */
export const DAMAGED_PREFIX = '(damaged, not JSON) ';

function csvRow(event: AuditEvent): (string | null)[] {
  return [
    event.at,
    event.actor.type,
    event.actor.name,
    event.action,
    event.targetType,
    event.targetLabel,
    event.targetId,
    cell(event.before, event.damaged?.before),
    cell(event.after, event.damaged?.after),
  ];
}

export interface AuditCsv {
  fileName: string;
  content: string;
  /** How many events it holds. */
  rows: number;
}

/**
 * The events a filter selects as CSV, oldest first as a log reads, by the
 * report's rules (RFC 4180, formulas neutralised): read a thousand rows at a
 * time, so only the CSV text itself is ever whole in memory.
 */
export function auditCsv(audit: AuditRepository, filter: AuditFilter, options: { bom: boolean; now: Date }): AuditCsv {
  const parts: string[] = [];
  let rows = 0;
  for (const piece of auditCsvPieces(audit, filter, options.bom)) {
    parts.push(piece.text);
    rows += piece.rows;
  }
  return { fileName: auditFileName(options.now), content: parts.join(''), rows };
}

export const auditFileName = (now: Date) => `roster-audit-${now.toISOString().slice(0, 10)}.csv`;

/** The same CSV a piece at a time (the header, then a thousand events at a time), for a caller that streams it. */
export function* auditCsvPieces(audit: AuditRepository, filter: AuditFilter, bom: boolean): Generator<{ text: string; rows: number }> {
  yield { text: toCsv(AUDIT_CSV_HEADER, [], { bom }), rows: 0 };
  for (const chunk of audit.chunks(filter)) yield { text: toCsvRecords(chunk.map(csvRow)), rows: chunk.length };
}
