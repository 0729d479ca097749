import { describe, expect, it } from 'vitest';
import { allowedHosts } from './auth';

describe('allowedHosts', () => {
  it('answers to 127.0.0.1 and localhost on the port it listens on, and nothing else', () => {
    expect([...allowedHosts(5173)].sort()).toEqual(['127.0.0.1:5173', 'localhost:5173']);
  });

  it('on port 80 also takes the names alone, as browsers send them there', () => {
    expect([...allowedHosts(80)].sort()).toEqual(['127.0.0.1', '127.0.0.1:80', 'localhost', 'localhost:80']);
  });
});
