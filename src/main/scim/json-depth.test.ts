import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth';

describe('nestsDeeperThan', () => {
  it.each([
    ['{"a":[{"b":1}]}', 3, false],
    ['{"a":[{"b":[1]}]}', 3, true],
    ['"[[[[[[[["', 2, false],
    ['{"a":"\\"[[[["}', 1, false],
    ['[[[[', 3, true],
    ['[]'.repeat(1000), 1, false],
  ])('%s deeper than %i: %s', (text, max, expected) => {
    expect(nestsDeeperThan(text, max)).toBe(expected);
  });

  it('finds a million brackets without a stack', () => {
    expect(nestsDeeperThan('['.repeat(1_000_000))).toBe(true);
  });
});
