import { afterEach, describe, expect, it } from 'vitest';
import { useConnection } from '../stores/connection-store';
import { mayCallNow } from './may-call';

// While the Roster server a window works on is lost, the role rule offers no change; reading and exporting stay.

afterEach(() => useConnection.setState({ lost: null }));

describe('the role rule while the server is lost', () => {
  it('offers no change, neither an admin’s nor an owner’s, and gives them back when the server is back', () => {
    useConnection.getState().setStatus({ state: 'lost', host: 'acme-roster.example.com', since: '2026-12-07T14:02:00.000Z' });
    expect(mayCallNow('orgs:create')).toBe(false);
    expect(mayCallNow('settings:update')).toBe(false);
    expect(mayCallNow('orgs:list')).toBe(true);
    expect(mayCallNow('report:export')).toBe(true);
    useConnection.getState().setStatus({ state: 'connected', host: 'acme-roster.example.com', since: null });
    expect(mayCallNow('orgs:create')).toBe(true);
  });
});
