import path from 'node:path';

/** Where the end-to-end tests find the built app and what the global setup made for them. */
export const root = path.join(__dirname, '..', '..');
export const BROWSER_MAIN = path.join(root, 'out', 'main', 'browser.js');
export const CLI_MAIN = path.join(root, 'out', 'main', 'cli.js');

/** The databases a test can start from; 'empty' is no file at all. */
export type Seed = 'empty' | 'enterprise' | 'demo';

/** The command line's arguments that make each seeded database, once per run. */
export const SEED_ARGS: Record<Exclude<Seed, 'empty'>, string[]> = {
  enterprise: ['init', '--name', 'Northwind Traders', '--seats', '50'],
  demo: ['demo', '--members', '120', '--seed', '1'],
};

/** Set by the global setup for the workers: this run's own folder (two runs in one checkout do not share it). */
export const SUPPORT_ENV = 'ROSTER_E2E_SUPPORT';

function supportDir(): string {
  const dir = process.env[SUPPORT_ENV];
  if (!dir) throw new Error(`${SUPPORT_ENV} is not set: the end-to-end tests run through Playwright's global setup (npx playwright test).`);
  return dir;
}

/** The seeded database a test copies instead of seeding its own. */
export const templateFile = (seed: Exclude<Seed, 'empty'>, dir = supportDir()) => path.join(dir, `${seed}.db`);

/** The command line's runCli, bundled to be required in a worker. */
export const cliRunnerFile = (dir = supportDir()) => path.join(dir, 'cli-run.cjs');
