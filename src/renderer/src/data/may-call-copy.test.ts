import { afterEach, describe, expect, it } from 'vitest';
import { channelNames } from '@shared/ipc/channels';
import type { Channel } from '@shared/ipc/contract';
import { useOfflineCopy } from '../stores/offline-copy-store';
import { mayCallNow } from './may-call';

// A window on an offline copy offers no control that would change it; reading, exporting and switching stores stay.

afterEach(() => useOfflineCopy.setState({ copy: null }));

describe('the change rule on an offline copy', () => {
  it('offers no change at all, and everything that reads, exports or leaves the copy', () => {
    useOfflineCopy.getState().setCopy({ of: 'acme-roster.example.com', takenAt: '2026-12-07T14:02:00.000Z', takenBy: 'ana@acme.example' });
    for (const channel of ['orgs:create', 'settings:update', 'seats:set', 'scim:start', 'backups:create', 'admins:revokeToken'] as Channel[]) expect(mayCallNow(channel), channel).toBe(false);
    for (const channel of ['orgs:list', 'report:export', 'audit:export', 'app:chooseDatabase', 'servers:connect'] as Channel[]) expect(mayCallNow(channel), channel).toBe(true);
    useOfflineCopy.getState().setCopy(null);
    expect(channelNames.every((channel) => mayCallNow(channel as Channel))).toBe(true);
  });
});
