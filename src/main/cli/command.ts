import type { AppError } from '@shared/errors';
import { characterCount } from '@shared/schemas/names';
import type { RosterApi } from '@shared/ipc/contract';
import type { Result } from '@shared/result';
import type { Core } from '../core';
import type { RemoteTarget } from '../remote/http-client';

export const EXIT_OK = 0;
/** Refused, by a rule or a database that cannot be used: the reason is on stderr and nothing changed. */
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /**
   * Ends a command that runs until stopped (`roster scim serve`) when aborted.
   * Absent, such a command stops on SIGINT or SIGTERM; tests and embedders pass one.
   */
  signal?: AbortSignal;
  /** Reads all of standard input (`--password-stdin`); absent where there is none to read. */
  readStdin?: () => Promise<string>;
  /** Opens an address in the user's browser (`roster login`); absent, the address is printed for them to open. */
  openBrowser?: (url: string) => Promise<void>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in usage, e.g. NAME for --name NAME. */
  valueName?: string;
  required?: boolean;
  /** Parse the value as a whole number (bad usage, exit 2, when it is not one). */
  integer?: boolean;
  /** May be given more than once; the values come as a list. */
  multiple?: boolean;
  /** The only values allowed, checked as usage. */
  choices?: readonly string[];
}

export type OptionValues = Record<string, string | number | boolean | string[] | undefined>;

/**
 * The store a command works on, through the contract: a local file (`--db`),
 * or a Roster server (`--server URL --token T`), with the same Results.
 */
export interface CommandStore extends RosterApi {
  /** The core over the local file, for what only the file itself can do; null against a server. */
  local: Core | null;
  /** The server and token, when the command runs against one. */
  remote: RemoteTarget | null;
}

export interface CommandContext {
  core: CommandStore;
  io: CliIo;
  json: boolean;
  databasePath: string;
}

/** What a command that works on the file itself, without opening the store (`roster check`), is given. */
export interface FileCommandContext {
  io: CliIo;
  json: boolean;
  databasePath: string;
}

interface CommandBase {
  /** The words that name it: ["orgs", "add"]. */
  path: string[];
  summary: string;
  options: Record<string, OptionSpec>;
  /** A value given without an option name (`roster import FILE`), required; it comes in the values under `name`. */
  argument?: { name: string; valueName: string; description: string };
  /** Lines shown under the usage in --help. */
  details?: string[];
  /** Only these commands make a new database file; the others refuse a path where none exists. */
  createsDatabase?: boolean;
}

/** A command over the store: opened (and brought up to this Roster's schema) first. */
export interface StoreCommand extends CommandBase {
  run(context: CommandContext, values: OptionValues): Promise<number>;
}

/** A command over the file as it is: the store is not opened, so nothing is migrated or written. */
export interface FileCommand extends CommandBase {
  runOnFile(context: FileCommandContext, values: OptionValues): Promise<number>;
  /** The same against a Roster server, where there is a way; absent: it runs on the server's machine only. */
  runRemote?(context: CommandContext, values: OptionValues): Promise<number>;
}

/** A command that works on no store at all (`roster login`, `roster version`): it takes --server itself, without a token. */
export interface StandaloneCommand extends CommandBase {
  runAlone(context: FileCommandContext, values: OptionValues): Promise<number>;
}

export type CommandSpec = StoreCommand | FileCommand | StandaloneCommand;

/**
 * A command that needs the file itself (a SCIM server of its own, a copy of
 * the file, an import's local progress) refused against a server, saying where
 * it does run. Answers the exit status (1).
 */
export function localOnly(context: CommandContext, what: string): number | null {
  if (context.core.local) return null;
  return printError(context.io, context.json, {
    code: 'UNSUPPORTED',
    message: `${what} works on the store itself: run it on the server's machine with --db FILE, not through --server.`,
  });
}

export function printError(io: CliIo, json: boolean, error: AppError): number {
  io.err(json ? JSON.stringify({ error }) : `roster: ${error.message}`);
  return EXIT_REFUSED;
}

/** Prints the value (as JSON, or as the text `describe` makes of it) or the error; returns the exit status. */
export function report<T>(context: CommandContext, result: Result<T>, describe: (value: T) => string): number {
  if (!result.ok) return printError(context.io, context.json, result.error);
  context.io.out(context.json ? JSON.stringify(result.value, null, 2) : describe(result.value));
  return EXIT_OK;
}

/** Left-aligned columns with a header row, for list commands. Widths count characters, not UTF-16 units. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) => Math.max(characterCount(header), ...rows.map((row) => characterCount(row[column] ?? ''))));
  const pad = (cell: string, width: number) => cell + ' '.repeat(Math.max(0, width - characterCount(cell)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
