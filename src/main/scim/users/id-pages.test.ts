import { describe, expect, it } from 'vitest';
import { pageOfUnion } from './id-pages';

/** A seeded generator, so a failure names the sets that caused it. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Two disjoint sorted sets drawn from 1..size: members (most) and others (a few, or none, or all). */
function sets(seed: number, size: number, share: number) {
  const next = random(seed);
  const members: number[] = [];
  const others: number[] = [];
  for (let id = 1; id <= size; id += 1) {
    const draw = next();
    if (draw < share) others.push(id);
    else if (draw < 0.8) members.push(id);
  }
  return { members, others };
}

describe('pageOfUnion: a page of the sorted union of two disjoint sets', () => {
  it('gives the same ids as slicing the merged list, for every offset and page size', () => {
    for (const [seed, size, share] of [
      [1, 60, 0.1],
      [2, 60, 0],
      [3, 60, 0.8],
      [4, 5, 0.3],
      [5, 0, 0.5],
      [6, 120, 0.02],
    ] as const) {
      const { members, others } = sets(seed, size, share);
      const merged = [...members, ...others].sort((a, b) => a - b);
      const walk = (from: number, count: number) => members.slice(from, from + count);
      for (let offset = 0; offset <= merged.length + 2; offset += 1) {
        for (const limit of [1, 3, 10, 100]) {
          expect(pageOfUnion(others, walk, offset, limit), `seed ${seed}, offset ${offset}, limit ${limit}`).toEqual(merged.slice(offset, offset + limit));
        }
      }
    }
  });

  it('walks the members from offset minus the number of others, and no further back', () => {
    const calls: number[] = [];
    const members = Array.from({ length: 1000 }, (_, index) => (index + 1) * 2);
    const others = [1, 3, 5];
    const page = pageOfUnion(others, (from, count) => (calls.push(from), members.slice(from, from + count)), 500, 4);
    expect(calls).toEqual([497]);
    // 1..6 (three of each), then the members 8, 10, ...: position 500 is member 497, id 996.
    expect(page).toEqual([996, 998, 1000, 1002]);
  });
});
