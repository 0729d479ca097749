import { describe, expect, it } from 'vitest';
import { describeRule } from './report-rule';
import { DEFAULT_REPORT_RULE } from './schemas/settings';

describe('the Last Active rule in one sentence', () => {
  it('keeps the tracking start as YYYY-MM-DD for the command line', () => {
    expect(describeRule(DEFAULT_REPORT_RULE)).toContain('last login was before 2025-05-20, when activity began');
  });

  it('writes it in the date format a screen passes', () => {
    const sentence = describeRule(DEFAULT_REPORT_RULE, (day) => `<${day}>`);
    expect(sentence).toContain('last login was before <2025-05-20>, when activity began');
    expect(sentence).toContain('at most 90 days ago');
  });
});
