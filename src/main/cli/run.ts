import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { openCore, type Core } from '../core';
import { StoreError } from '../db/store-error';
import { osUserName } from '../os-user';
import { defaultDatabasePath, userDataDir } from '../paths';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, type CliIo, type CommandSpec, type OptionValues } from './command';
import { demoCommand } from './commands/demo';
import { initCommand } from './commands/init';
import { orgCommands } from './commands/orgs';
import { commandUsage, groupUsage, mainUsage } from './usage';

export const commands: CommandSpec[] = [initCommand, ...orgCommands, demoCommand];

const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Splits argv into the command's words and the rest; --db FILE may come before them. */
function splitCommand(argv: string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let matching = true;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (matching && !arg.startsWith('-')) {
      const candidate = [...words, arg];
      if (commands.some((command) => candidate.every((word, i) => command.path[i] === word))) {
        words.push(arg);
        continue;
      }
    }
    if (arg === '--db' && index + 1 < argv.length) {
      rest.push(arg, argv[index + 1]!);
      index += 1;
      continue;
    }
    if (arg !== '--json' && !arg.startsWith('--db=')) matching = false;
    rest.push(arg);
  }
  return { words, rest };
}

function usageError(io: CliIo, message: string, usage: string): number {
  io.err(`roster: ${message}\n\n${usage}`);
  return EXIT_USAGE;
}

function parseOptions(command: CommandSpec, rest: string[]): { values: OptionValues } | { error: string } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { ...GLOBAL_OPTIONS };
  for (const [name, spec] of Object.entries(command.options)) options[name] = { type: spec.type };
  let values: OptionValues;
  try {
    values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values as OptionValues;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { values };
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (value === undefined) {
      if (spec.required) return { error: `missing --${name}${spec.valueName ? ` ${spec.valueName}` : ''}` };
      continue;
    }
    if (spec.integer) {
      if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) {
        return { error: `--${name} must be a whole number, not "${String(value)}"` };
      }
      values[name] = Number(value);
    }
  }
  return { values };
}

/**
 * The `roster` command line: the same store and services as the app, headless.
 * Returns the exit status: 0 done, 1 refused by a rule, 2 bad usage.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { words, rest } = splitCommand(argv);
  const command = commands.find((candidate) => candidate.path.join(' ') === words.join(' '));

  if (!command) {
    const wantsHelp = rest.includes('--help') || rest.includes('-h');
    if (words.length === 0 && rest.includes('--version')) {
      io.out(version);
      return EXIT_OK;
    }
    const usage = words.length === 0 ? mainUsage(commands) : groupUsage(commands, words);
    if (wantsHelp || (words.length === 0 && rest.length === 0)) {
      io.out(usage);
      return wantsHelp ? EXIT_OK : EXIT_USAGE;
    }
    const unknown = rest.find((arg) => !arg.startsWith('-'));
    if (unknown === undefined && words.length > 0) return usageError(io, `"${words.join(' ')}" needs a command`, usage);
    return usageError(io, `unknown command "${[...words, unknown ?? rest[0] ?? ''].join(' ').trim()}"`, usage);
  }

  const parsed = parseOptions(command, rest);
  if ('error' in parsed) return usageError(io, parsed.error, commandUsage(command));
  const { values } = parsed;
  if (values.help) {
    io.out(commandUsage(command));
    return EXIT_OK;
  }

  const json = values.json === true;
  const databasePath = path.resolve(typeof values.db === 'string' ? values.db : defaultDatabasePath(userDataDir(io.env)));
  if (!command.createsDatabase && !fs.existsSync(databasePath)) {
    const message = `There is no Roster database at ${databasePath}. Create one with "roster init --name NAME --seats N${typeof values.db === 'string' ? ' --db FILE' : ''}" or by opening the app.`;
    io.err(json ? JSON.stringify({ error: { code: 'NO_ENTERPRISE', message } }) : `roster: ${message}`);
    return EXIT_REFUSED;
  }
  let core: Core;
  try {
    core = openCore({
      databasePath,
      actor: { type: 'cli', name: osUserName() },
      host: { info: { version, mode: 'cli', databasePath, canChooseDatabase: false } },
    });
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    io.err(json ? JSON.stringify({ error: { code: error.code, message: error.message } }) : `roster: ${error.message}`);
    return EXIT_REFUSED;
  }
  try {
    return await command.run({ core, io, json, databasePath }, values);
  } finally {
    core.close();
  }
}
