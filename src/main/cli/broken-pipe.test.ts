import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { exitQuietlyOnBrokenPipe } from './broken-pipe';

const failure = (code: string) => Object.assign(new Error(`write ${code}`), { code });

describe('a closed stdout (roster … | head)', () => {
  it('ends the command quietly with status 0', () => {
    const stdout = new EventEmitter();
    const exit = vi.fn();
    exitQuietlyOnBrokenPipe(stdout, exit);
    stdout.emit('error', failure('EPIPE'));
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('is the only stream error taken quietly', () => {
    const stdout = new EventEmitter();
    const exit = vi.fn();
    exitQuietlyOnBrokenPipe(stdout, exit);
    expect(() => stdout.emit('error', failure('ENOSPC'))).toThrow('write ENOSPC');
    expect(exit).not.toHaveBeenCalled();
  });
});
