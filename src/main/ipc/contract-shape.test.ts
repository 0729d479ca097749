import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, eventSchemas } from '@shared/ipc/contract';
import { CONTRACT_VERSION } from '@shared/ipc/version';

/**
 * The contract's shape, recorded beside it (contract-shape.json): each
 * channel's kind, access and input and output schemas, and each event's
 * payload, as a short hash. A change to any of them fails this test until
 * someone decides whether it breaks an older client or server (then
 * CONTRACT_VERSION goes up, docs/ARCHITECTURE.md "The contract's version")
 * and records the new shape:
 *
 *   ROSTER_RECORD_CONTRACT=1 npx vitest run src/main/ipc/contract-shape.test.ts
 */
const recordFile = path.join(__dirname, 'contract-shape.json');

interface Recorded {
  contract: number;
  channels: Record<string, string>;
  events: Record<string, string>;
}

/** JSON with keys in order, so that the same shape always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const hash = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
const schemaOf = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });

function currentShape(): Recorded {
  const channels: Record<string, string> = {};
  for (const [name, spec] of Object.entries(contract)) {
    channels[name] = hash({ kind: spec.kind, access: spec.access, input: schemaOf(spec.input, 'input'), output: schemaOf(spec.output, 'output') });
  }
  const events: Record<string, string> = {};
  for (const [name, schema] of Object.entries(eventSchemas)) events[name] = hash(schemaOf(schema, 'output'));
  return { contract: CONTRACT_VERSION, channels, events };
}

/** What differs between two records, in words: added, removed and changed names. */
function differences(recorded: Recorded, current: Recorded): string[] {
  const said: string[] = [];
  for (const part of ['channels', 'events'] as const) {
    const before = recorded[part];
    const now = current[part];
    const added = Object.keys(now).filter((name) => !(name in before));
    const removed = Object.keys(before).filter((name) => !(name in now));
    const changed = Object.keys(now).filter((name) => name in before && before[name] !== now[name]);
    if (added.length > 0) said.push(`${part} added: ${added.join(', ')}`);
    if (removed.length > 0) said.push(`${part} removed: ${removed.join(', ')}`);
    if (changed.length > 0) said.push(`${part} changed: ${changed.join(', ')}`);
  }
  return said;
}

describe("the contract's recorded shape", () => {
  it('matches the contract, so no change to it goes without a decision about CONTRACT_VERSION', () => {
    const current = currentShape();
    if (process.env.ROSTER_RECORD_CONTRACT === '1') fs.writeFileSync(recordFile, `${JSON.stringify(current, null, 2)}\n`);
    const recorded = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as Recorded;
    const changes = differences(recorded, current);
    const advice =
      `The contract changed (${changes.join('; ')}). If an older client or server would misread it (a channel removed or renamed, ` +
      'an input refusing what it took or needing a new field, an output losing or changing a field, access tightened, an event changed), ' +
      `raise CONTRACT_VERSION in src/shared/ipc/version.ts (now ${CONTRACT_VERSION}); a new channel or a new optional field needs no raise. ` +
      'Either way, record the new shape: ROSTER_RECORD_CONTRACT=1 npx vitest run src/main/ipc/contract-shape.test.ts';
    expect(changes, advice).toEqual([]);
    expect(recorded.contract, 'CONTRACT_VERSION changed: record the shape that goes with it (ROSTER_RECORD_CONTRACT=1, as above).').toBe(CONTRACT_VERSION);
  });

  it('tells apart an added, a removed and a changed channel', () => {
    const before: Recorded = { contract: 1, channels: { 'a:get': '1', 'b:get': '2' }, events: { changed: '3' } };
    const after: Recorded = { contract: 1, channels: { 'a:get': '9', 'c:get': '4' }, events: { changed: '3' } };
    expect(differences(before, after)).toEqual(['channels added: c:get', 'channels removed: b:get', 'channels changed: a:get']);
    expect(differences(before, before)).toEqual([]);
  });
});
