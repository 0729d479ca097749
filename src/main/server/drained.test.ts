import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { drainedOrClosed } from './drained';

describe('waiting for a response to drain', () => {
  it('resolves on drain or close and leaves no listener behind, however many times it waits', async () => {
    const response = new EventEmitter();
    for (let i = 0; i < 50; i += 1) {
      const waiting = drainedOrClosed(response);
      expect(response.listenerCount('drain')).toBe(1);
      response.emit(i % 2 === 0 ? 'drain' : 'close');
      await waiting;
    }
    expect([response.listenerCount('drain'), response.listenerCount('close'), response.listenerCount('error')]).toEqual([0, 0, 0]);
  });
});
