import fs from 'node:fs';
import path from 'node:path';

/** Where the hostile-input suites leave their counts, for docs/SECURITY.md and the summary `npm test` prints. */
export const FIGURES_DIR = path.join(__dirname, '..', '..', '..', '..', 'test-results', 'security');

export interface SurfaceFigures {
  /** The surface attacked: "IPC", "browser mode", "SCIM", "CSV files". */
  surface: string;
  /** Bad inputs sent. */
  tried: number;
  /** Of those, how many were accepted (answered as if valid, or changed the store): 0 or the suite fails. */
  accepted: number;
  /** Anything else worth quoting (channels covered, kinds of payload ...). */
  notes?: Record<string, number | string>;
}

/**
 * Prints a suite's counts on one line (`SECURITY-FIGURES {...}`) and keeps them
 * in test-results/security/<suite>.json, so the figures in docs/SECURITY.md come
 * from a real run rather than from memory.
 */
export function reportFigures(suite: string, figures: SurfaceFigures): void {
  const line = JSON.stringify({ suite, ...figures });
  console.log(`SECURITY-FIGURES ${line}`);
  try {
    fs.mkdirSync(FIGURES_DIR, { recursive: true });
    fs.writeFileSync(path.join(FIGURES_DIR, `${suite}.json`), `${line}\n`);
  } catch {
    // A read-only checkout still runs the suite; only the summary file is lost.
  }
}
