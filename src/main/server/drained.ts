import type { EventEmitter } from 'node:events';

/**
 * Resolves once a response takes more (drain) or is gone (close), and takes
 * both listeners off again. `Promise.race` over two `events.once` leaves the
 * loser's listeners (and an error listener each) on the response, one pair a
 * piece: a long export to a slow client piled them up past Node's warning.
 */
export function drainedOrClosed(response: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
