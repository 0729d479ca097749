import fs from 'node:fs';
import path from 'node:path';
import type { AppError } from '@shared/errors';
import { version } from '../../../package.json';
import { damagedMessage } from '../backups/advice';
import type { Core } from '../core';
import { damageFound, isDamageError } from '../db/integrity';
import { StoreError } from '../db/store-error';
import { defaultDatabasePath, userDataDir } from '../paths';
import { EXIT_OK, EXIT_USAGE, printError, type CliIo, type CommandSpec, type CommandStore, type FileCommand, type StoreCommand } from './command';
import { createRemoteApi, type RemoteTarget } from '../remote/http-client';
import { chooseServer, expiredSignIn, needsSignIn, signInAgain } from '../remote/target';
import { accessCommand } from './commands/access';
import { adminCommands } from './commands/admins';
import { activityCommands } from './commands/activity';
import { backupCommands } from './commands/backup';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { auditCommand } from './commands/audit';
import { demoCommand } from './commands/demo';
import { domainCommands } from './commands/domains';
import { initCommand } from './commands/init';
import { loginCommands } from './commands/login';
import { invitationCommands, inviteCommand } from './commands/invite';
import { memberCommands } from './commands/members';
import { scimCommands } from './commands/scim';
import { seatsCommand } from './commands/seats';
import { sessionCommands } from './commands/sessions';
import { serverCommand } from './commands/server';
import { teamCommands } from './commands/teams';
import { orgCommands } from './commands/orgs';
import { reclaimCommand } from './commands/reclaim';
import { cliBackupsDir, openCliCore } from './open-core';
import { parseOptions, splitCommand } from './parse';
import { commandUsage, groupUsage, mainUsage } from './usage';

export const commands: CommandSpec[] = [
  initCommand,
  seatsCommand,
  ...memberCommands,
  inviteCommand,
  ...invitationCommands,
  ...orgCommands,
  ...teamCommands,
  accessCommand,
  ...domainCommands,
  ...activityCommands,
  reclaimCommand,
  ...scimCommands,
  ...adminCommands,
  ...sessionCommands,
  ...backupCommands,
  checkCommand,
  diffCommand,
  auditCommand,
  demoCommand,
  serverCommand,
  ...loginCommands,
];

function usageError(io: CliIo, json: boolean, message: string, usage: string): number {
  if (json) io.err(JSON.stringify({ error: { code: 'USAGE', message } satisfies AppError }));
  else io.err(`roster: ${message}\n\n${usage}`);
  return EXIT_USAGE;
}

/** The folder, or file, this run would create for `file`: the first part of its path that does not exist yet. */
function firstMissing(file: string): string | null {
  let missing: string | null = null;
  for (let current = file; !fs.existsSync(current); current = path.dirname(current)) {
    missing = current;
    if (path.dirname(current) === current) break;
  }
  return missing;
}

/** A refused command leaves no trace: remove the database (and folders) this run created. */
function removeCreated(databasePath: string, created: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  if (created !== databasePath) fs.rmSync(created, { recursive: true, force: true });
}

/**
 * The `roster` command line: the same store and services as the app, headless.
 * Returns the exit status: 0 done, 1 refused (reason on stderr, nothing changed), 2 bad usage.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { words, rest } = splitCommand(commands, argv);
  const command = commands.find((candidate) => candidate.path.join(' ') === words.join(' '));
  const json = rest.includes('--json');

  if (!command) {
    const unknown = rest.find((arg) => !arg.startsWith('-'));
    const usage = words.length === 0 ? mainUsage(commands) : groupUsage(commands, words);
    if (unknown !== undefined) return usageError(io, json, `unknown command "${[...words, unknown].join(' ')}"`, usage);
    if (words.length === 0 && rest.includes('--version') && rest.every((arg) => arg === '--version' || arg === '--json')) {
      io.out(json ? JSON.stringify({ version }) : `roster ${version}`);
      return EXIT_OK;
    }
    if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
      io.out(usage);
      return EXIT_OK;
    }
    if (words.length > 0 && rest.length === 0) return usageError(io, json, `"${words.join(' ')}" needs a command`, usage);
    if (rest.length === 0) {
      io.out(usage);
      return EXIT_USAGE;
    }
    return usageError(io, json, `unknown option "${rest[0]}"`, usage);
  }

  const parsed = parseOptions(command, rest);
  if ('error' in parsed) return usageError(io, json, parsed.error, commandUsage(command));
  const { values } = parsed;
  if (values.help) {
    io.out(commandUsage(command));
    return EXIT_OK;
  }

  // login, logout and version name a server (or none) themselves, and open no store.
  if ('runAlone' in command) return command.runAlone({ io, json, databasePath: '' }, values);

  // The one rule of where a client calls (remote/target.ts): flags, then the environment, then `roster login`'s token.
  const remote = chooseServer(values, io.env);
  if (remote && 'error' in remote) return usageError(io, json, remote.error, commandUsage(command));
  if (remote && remote.token === null) {
    if (remote.expired) return printError(io, json, { code: 'UNAUTHENTICATED', message: expiredSignIn(remote.server, remote.expired) });
    return usageError(io, json, needsSignIn(remote.server), commandUsage(command));
  }
  if (remote) return runRemote(command, remote, io, json, values);

  // ROSTER_DB stands for --db, as every `roster server` option has its ROSTER_ variable.
  const dbOption = typeof values.db === 'string' ? values.db : io.env.ROSTER_DB?.trim() || undefined;
  const databasePath = path.resolve(dbOption ?? defaultDatabasePath(userDataDir(io.env)));
  const created = firstMissing(databasePath);
  if (created && !command.createsDatabase) {
    const dbHint = dbOption !== undefined ? ' --db FILE' : '';
    return printError(io, json, {
      code: 'NO_DATABASE',
      message: `There is no Roster database at ${databasePath}. Create one with "roster init --name NAME --seats N${dbHint}" or by opening the app.`,
    });
  }

  let status: number;
  let core: Core | undefined;
  try {
    if ('runOnFile' in command) {
      status = await command.runOnFile({ io, json, databasePath }, values);
    } else {
      core = openCliCore(io, databasePath);
      const store: CommandStore = { invoke: core.invoke, on: core.on, local: core, remote: null };
      status = await command.run({ core: store, io, json, databasePath }, values);
    }
  } catch (error) {
    if (error instanceof StoreError) {
      status = printError(io, json, { code: error.code === 'DAMAGED' ? 'DAMAGED' : 'DATABASE_UNUSABLE', message: error.message });
    } else if (isDamageError(error)) {
      // Met outside a contract call (a command's own read): SQLite rolled back what it began, so nothing was written.
      status = printError(io, json, { code: 'DAMAGED', message: damagedMessage(databasePath, damageFound(error), cliBackupsDir(io, databasePath)) });
    } else {
      throw error;
    }
  } finally {
    core?.close();
  }
  if (created && status !== EXIT_OK) removeCreated(databasePath, created);
  return status;
}

/** A command against a Roster server: the same command, its calls over the server's API. */
async function runRemote(command: StoreCommand | FileCommand, { saved, ...target }: RemoteTarget & { saved: unknown }, io: CliIo, json: boolean, values: Record<string, unknown>): Promise<number> {
  const remoteApi = createRemoteApi(target);
  // A kept sign-in the server no longer takes (revoked, its admin removed): the way back is to sign in again.
  const api: typeof remoteApi = saved
    ? {
        ...remoteApi,
        invoke: (async (...args: Parameters<typeof remoteApi.invoke>) => {
          const result = await remoteApi.invoke(...args);
          if (result.ok || result.error.code !== 'UNAUTHENTICATED') return result;
          return { ok: false, error: { ...result.error, message: signInAgain(target.server, result.error.message) } };
        }) as typeof remoteApi.invoke,
      }
    : remoteApi;
  const context = { core: { ...api, local: null, remote: target }, io, json, databasePath: target.server.origin };
  if ('runOnFile' in command) {
    if (command.runRemote) return command.runRemote(context, values as never);
    return printError(io, json, {
      code: 'UNSUPPORTED',
      message: `"roster ${command.path.join(' ')}" works on the store's file itself: run it on the server's machine with --db FILE, not through --server.`,
    });
  }
  return command.run(context, values as never);
}
