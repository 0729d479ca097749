import { runCommandLine } from '../report-alone';

/** Runs the command line in this process, as a test would type it (and as main.ts runs it), and collects what it printed. */
export async function roster(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCommandLine(args, { out: (text) => out.push(text), err: (text) => err.push(text), env: {} });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}
