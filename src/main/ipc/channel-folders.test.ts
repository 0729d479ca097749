import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames } from '@shared/ipc/channels';

const MAIN = path.join(__dirname, '..');

/** Every channel a handlers.ts in src/main/<folder>/ serves, by folder. */
function servedByFolder(): Map<string, string[]> {
  const served = new Map<string, string[]>();
  for (const folder of fs.readdirSync(MAIN)) {
    const file = path.join(MAIN, folder, 'handlers.ts');
    if (!fs.existsSync(file)) continue;
    const source = fs.readFileSync(file, 'utf8');
    // The handler keys: 'area:verb': (input, context) => ..., or async 'area:verb'(input) { ... }
    served.set(folder, [...source.matchAll(/^\s*(?:async\s+)?'([a-z-]+:[A-Za-z]+)'\s*[:(]/gm)].map((match) => match[1]!));
  }
  return served;
}

describe('a channel is served from the folder its area names', () => {
  it('serves every channel from src/main/<area>/handlers.ts, the area being the name before the colon', () => {
    const served = servedByFolder();
    const misplaced = [...served].flatMap(([folder, channels]) => channels.filter((channel) => channel.split(':')[0] !== folder).map((channel) => `${channel} in ${folder}/`));
    expect(misplaced).toEqual([]);
    const everywhere = [...served.values()].flat();
    expect([...everywhere].sort()).toEqual([...channelNames].sort());
  });
});
