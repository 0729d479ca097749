import { describe, expect, it } from 'vitest';
import { DEFAULT_REPORT_RULE } from '@shared/schemas/settings';
import { formatDay } from '../../lib/format';
import { bucketLabel, bucketName, bucketShare } from './buckets';

describe('the Last Active buckets', () => {
  it('name a button by its visible words first, in their order, then what the number counts', () => {
    expect(bucketName('upTo30', DEFAULT_REPORT_RULE, 86, 72)).toBe('0–30 days ago: 86 members (72%)');
    expect(bucketName('na', DEFAULT_REPORT_RULE, 1, 100)).toBe('Over 100 days ago, or never (N/A): 1 member (100%)');
  });

  it('write the tracking start in the screen’s date format, not as an ISO day', () => {
    expect(bucketLabel('legacy', DEFAULT_REPORT_RULE)).toBe(`Last login before ${formatDay('2025-05-20')}`);
    expect(bucketName('legacy', DEFAULT_REPORT_RULE, 0, 0)).not.toContain('2025-05-20');
  });

  it('give each bucket a whole percentage, and 0 with nobody to count', () => {
    expect(bucketShare(1, 3)).toBe(33);
    expect(bucketShare(2, 3)).toBe(67);
    expect(bucketShare(0, 0)).toBe(0);
  });
});
