import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { changeAreas, channels, contract, type ChangeArea, type Channel } from '@shared/ipc/contract';
import { invalidateIn, isOutdatedBy, readsAny } from './invalidation';

const queryChannels = channels.filter((channel) => contract[channel].kind === 'query');

/** The query channels a change to `areas` outdates. */
const outdated = (areas: ChangeArea[]) => queryChannels.filter((channel) => readsAny(channel, areas));

describe('what a change outdates', () => {
  it('every query declares the areas it reads, and every command reads nothing', () => {
    expect(queryChannels.length).toBeGreaterThan(30);
    for (const channel of channels) {
      const spec = contract[channel];
      expect(Array.isArray(spec.reads), channel).toBe(true);
      for (const area of spec.reads) expect(changeAreas, channel).toContain(area);
      if (spec.kind === 'command') expect(spec.reads, channel).toEqual([]);
    }
  });

  it('picks exactly the queries that read a changed area', () => {
    const expected = queryChannels.filter((channel) => {
      const reads: readonly ChangeArea[] = contract[channel].reads;
      return reads.includes('domains') || reads.includes('*');
    });
    expect(outdated(['domains'])).toEqual(expected);
    expect(outdated(['domains'])).toEqual(expect.arrayContaining(['domains:list', 'domains:get', 'domains:unmanaged', 'audit:list']));
    expect(outdated(['domains'])).not.toContain('teams:list');
    expect(outdated(['domains'])).not.toContain('scim:tokens');
  });

  it('a team renamed elsewhere reaches the team page, the Teams list and the audit log', () => {
    const areas = [...contract['teams:rename'].changes];
    for (const channel of ['teams:get', 'teams:list', 'teams:members', 'orgs:get', 'access:member', 'audit:list'] satisfies Channel[]) {
      expect(readsAny(channel, areas), channel).toBe(true);
    }
    expect(readsAny('scim:tokens', areas)).toBe(false);
    expect(readsAny('backups:list', areas)).toBe(false);
  });

  it('a comparison is run again only when asked: no change the server announces re-runs it, SCIM and admins included', () => {
    const announced = new Set(channels.flatMap((channel) => contract[channel].changes).filter((area) => area !== '*'));
    expect(announced.size).toBeGreaterThan(5);
    expect(readsAny('diff:compare', [...announced])).toBe(false);
  });

  it('"*" in a change outdates everything, on-demand checks included', () => {
    expect(outdated(['*'])).toEqual(queryChannels);
  });

  it('a change to nothing outdates nothing, not even the audit log', () => {
    expect(outdated([])).toEqual([]);
  });

  it('judges cached queries by the channel in their key', () => {
    expect(isOutdatedBy(['scim:tokens', null], ['scim'])).toBe(true);
    expect(isOutdatedBy(['scim:tokens', null], ['teams'])).toBe(false);
    expect(isOutdatedBy(['not:a-channel', null], ['*'])).toBe(false);
  });

  it('a change event marks exactly the cached queries of the channels that read its areas', async () => {
    const client = new QueryClient();
    const cached = [
      ['teams:get', { id: 1 }],
      ['teams:list', null],
      ['scim:tokens', null],
      ['backups:list', null],
      ['audit:list', { offset: 0 }],
      ['domains:unmanaged', { limit: 1 }],
      ['db:check', { full: false }],
    ] as const;
    for (const key of cached) client.setQueryData(key, { answer: key[0] });
    await invalidateIn(client, ['teams']);
    const invalidated = cached.filter((key) => client.getQueryState(key)?.isInvalidated).map((key) => key[0]);
    expect(invalidated).toEqual(['teams:get', 'teams:list', 'audit:list']);

    await invalidateIn(client, ['*']);
    expect(cached.every((key) => client.getQueryState(key)?.isInvalidated)).toBe(true);
  });
});
