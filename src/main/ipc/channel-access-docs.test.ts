import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames } from '@shared/ipc/channels';
import { contract } from '@shared/ipc/contract';

/** The table of docs/SERVER.md, "Roles and what each may call": channel -> access. */
function documentedAccess(): Record<string, string> {
  const text = fs.readFileSync(path.join(__dirname, '../../../docs/SERVER.md'), 'utf8');
  const rows = [...text.matchAll(/^\| `([a-z]+:[A-Za-z]+)` \| (\w+) \|/gm)];
  return Object.fromEntries(rows.map((row) => [row[1]!, row[2]!]));
}

describe('docs/SERVER.md, "Roles and what each may call"', () => {
  it('lists every channel with the access the contract gives it, and no other', () => {
    const expected = Object.fromEntries(channelNames.map((channel) => [channel, contract[channel].access as string]));
    expect(documentedAccess()).toEqual(expected);
  });
});
