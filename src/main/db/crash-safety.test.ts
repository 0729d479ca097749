import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../test-support/bundle-worker';
import { prepareDatabase, runHarness, verdict, type HarnessOptions, type HarnessReport } from '../test-support/crash-harness';
import { tempDir } from '../test-support/temp-db';

// The crash-safety harness (docs/RELIABILITY.md, "The crash-safety harness"): a real
// import and a real SCIM stream, each killed with SIGKILL at seeded random
// moments, the database checked after every kill. ROSTER_CRASH_SEED replays
// or explores another seed; the figures are printed for RELIABILITY.md.
const SEED = Number(process.env.ROSTER_CRASH_SEED ?? 20_260_301);

let worker: { script: string; remove: () => void };
beforeAll(async () => {
  worker = await bundleWorker('src/main/test-support/crash-worker.ts', 'crash-worker');
}, 60_000);
afterAll(() => worker?.remove());

async function harness(mode: 'import' | 'scim', options: Partial<HarnessOptions> = {}): Promise<HarnessReport> {
  const database = path.join(tempDir(), 'roster.db');
  const { token } = await prepareDatabase(database, mode === 'scim' ? 30 : 20);
  const report = await runHarness({ worker: worker.script, database, mode, token, seed: SEED, runs: 1, ...options });
  console.info(`[crash harness] ${JSON.stringify({ ...report, problems: report.problems.slice(0, 3) })}`);
  return report;
}

describe('crash safety: a worker killed with SIGKILL at random moments', () => {
  it('a large event import in small batches: whole batches only, nothing acknowledged lost', async () => {
    const report = await harness('import', { runs: 16, batchSize: 50, accountsPerRun: 5000, days: 9, killAfterMs: [0, 500] });
    expect(verdict(report)).toEqual([]);
    expect(report.kills).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('a stream of SCIM creates, deactivations and group PATCHes over HTTP: every acknowledged write present, seats never overbooked', async () => {
    const report = await harness('scim', { runs: 16, killAfterMs: [0, 600] });
    expect(verdict(report)).toEqual([]);
    expect(report.kills).toBeGreaterThanOrEqual(15);
  }, 120_000);

  it('has teeth: the same import without transactions is caught', async () => {
    const report = await harness('import', { runs: 6, unsafe: true, batchSize: 50, killAfterMs: [100, 600], stopOnFailure: true });
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.join('\n')).toMatch(/half a batch/);
  }, 120_000);

  it('has teeth: the same SCIM stream without transactions is caught', async () => {
    const report = await harness('scim', { runs: 40, unsafe: true, killAfterMs: [100, 600], stopOnFailure: true });
    expect(report.problems.length).toBeGreaterThan(0);
  }, 120_000);

  it('fails when no kill happened, or when nothing was committed', async () => {
    const finished = await harness('scim', { runs: 1, operations: 5, killAfterMs: [20_000, 20_000] });
    expect(finished).toMatchObject({ kills: 0, completed: 1, problems: [] });
    expect(verdict(finished)).toEqual(['no kill happened: the harness proved nothing']);

    const stillborn = await harness('import', { runs: 2, killAfterMs: 'at-start' });
    expect(stillborn).toMatchObject({ kills: 2, acknowledged: 0, problems: [] });
    expect(verdict(stillborn)).toEqual(['nothing was committed: the harness proved nothing']);
  }, 60_000);
});
