import { describe, expect, it } from 'vitest';
import { findingsOf, judge } from './sarif-gate.mjs';

const sarif = (results: { ruleId: string; uri: string; line?: number }[]) => ({
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'Electronegativity' } },
      results: results.map(({ ruleId, uri, line }) => ({
        ruleId,
        level: 'warning',
        message: { text: `${ruleId} found` },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line ?? 1 } } }],
      })),
    },
  ],
});

const preload = { rule: 'PRELOAD_JS_CHECK', file: 'src/main/shell/window.ts', reason: 'The preload is the reviewed, lint-guarded bridge.' };

describe('the Electronegativity gate', () => {
  it('passes when every finding is on the allow-list', () => {
    const verdict = judge(findingsOf(sarif([{ ruleId: 'PRELOAD_JS_CHECK', uri: 'src/main/shell/window.ts', line: 40 }])), [preload]);
    expect(verdict).toMatchObject({ passed: true, unaccepted: [], accepted: [{ rule: 'PRELOAD_JS_CHECK', line: 40, reason: preload.reason }] });
  });

  it('fails on a finding the list does not name, or names for another file', () => {
    const findings = findingsOf(
      sarif([
        { ruleId: 'PRELOAD_JS_CHECK', uri: 'src/main/shell/window.ts' },
        { ruleId: 'NODE_INTEGRATION_JS_CHECK', uri: 'src/main/shell/window.ts' },
        { ruleId: 'PRELOAD_JS_CHECK', uri: 'src/main/shell/other-window.ts' },
      ]),
    );
    const verdict = judge(findings, [preload]);
    expect(verdict.passed).toBe(false);
    expect(verdict.unaccepted.map((finding: { rule: string; file: string }) => `${finding.rule} ${finding.file}`)).toEqual([
      'NODE_INTEGRATION_JS_CHECK src/main/shell/window.ts',
      'PRELOAD_JS_CHECK src/main/shell/other-window.ts',
    ]);
  });

  it('accepts no more findings of a check in a file than its entry counts', () => {
    const twice = findingsOf(
      sarif([
        { ruleId: 'PRELOAD_JS_CHECK', uri: 'src/main/shell/window.ts', line: 40 },
        { ruleId: 'PRELOAD_JS_CHECK', uri: 'src/main/shell/window.ts', line: 90 },
      ]),
    );
    expect(judge(twice, [preload])).toMatchObject({ passed: false, unaccepted: [expect.objectContaining({ line: 90 })] });
    expect(judge(twice, [{ ...preload, count: 2 }]).passed).toBe(true);
  });

  it('fails on a stale entry, and on an entry without a reason', () => {
    expect(judge([], [preload])).toMatchObject({ passed: false, problems: [expect.stringMatching(/matches no finding/)] });
    const findings = findingsOf(sarif([{ ruleId: 'PRELOAD_JS_CHECK', uri: 'src/main/shell/window.ts' }]));
    expect(judge(findings, [{ ...preload, reason: 'ok' }])).toMatchObject({ passed: false, problems: [expect.stringMatching(/needs a reason/)] });
  });

  it('refuses a log without a run, as when the tool crashed', () => {
    expect(() => findingsOf({ runs: [] })).toThrow(/no run/);
    expect(() => findingsOf(null)).toThrow(/no run/);
  });
});
