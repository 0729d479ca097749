import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runInBackground } from './thread-priority';

describe('runInBackground', () => {
  it.each(['darwin', 'win32'] as NodeJS.Platform[])('leaves the priority as it was on %s, where it would lower the whole process', (platform) => {
    const before = os.getPriority(0);
    expect(runInBackground(platform)).toBeNull();
    expect(os.getPriority(0)).toBe(before);
  });
});
