import type { CommandSpec } from './command';

const GLOBAL_OPTIONS: [string, string][] = [
  ['--db FILE', "the database to use (default: ROSTER_DB, else the app's own, in its user-data folder)"],
  ['--server URL', 'run against a Roster server instead of a file (default: ROSTER_SERVER)'],
  ['--token T', "the server's API token, from \"roster admins token create\" (default: ROSTER_TOKEN, else the sign-in \"roster login\" kept for that server)"],
  ['--ca FILE', "with --server: trust this certificate authority's PEM certificates too"],
  ['--json', 'machine-readable output on stdout (errors as JSON on stderr)'],
  ['-h, --help', 'this help'],
];

const EXIT_HELP = 'Exit status: 0 done, 1 refused (by a rule, or a database that cannot be used; the reason is on stderr and nothing changed), 2 bad usage.';

function optionRows(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`);
}

function flag(name: string, valueName?: string): string {
  return `--${name}${valueName ? ` ${valueName}` : ''}`;
}

function synopsis(command: CommandSpec): string {
  const parts = Object.entries(command.options).map(([name, spec]) => {
    const text = spec.required ? flag(name, spec.valueName) : `[${flag(name, spec.valueName)}]`;
    return spec.multiple ? `${text}...` : text;
  });
  return ['roster', ...command.path, ...(command.argument ? [command.argument.valueName] : []), ...parts].join(' ');
}

export function commandUsage(command: CommandSpec): string {
  const own = Object.entries(command.options).map(
    ([name, spec]): [string, string] => [flag(name, spec.valueName), `${spec.description}${spec.required ? '' : ' (optional)'}`],
  );
  if (command.argument) own.unshift([command.argument.valueName, command.argument.description]);
  return [
    `Usage: ${synopsis(command)} [--db FILE] [--json]`,
    '',
    `${command.summary}.`,
    ...(command.details ? ['', ...command.details] : []),
    '',
    'Options:',
    ...optionRows([...own, ...GLOBAL_OPTIONS]),
    '',
    EXIT_HELP,
  ].join('\n');
}

function listing(commands: CommandSpec[]): string[] {
  return optionRows(commands.map((command): [string, string] => [`roster ${command.path.join(' ')}`, command.summary]));
}

export function mainUsage(commands: CommandSpec[]): string {
  return [
    'Usage: roster <command> [options] [--db FILE | --server URL [--token T]] [--json]',
    '',
    'Roster: enterprise user management on your own machine. Commands:',
    ...listing(commands),
    '',
    'Global options:',
    ...optionRows(GLOBAL_OPTIONS),
    '',
    'Run "roster <command> --help" for the options of a command.',
    EXIT_HELP,
  ].join('\n');
}

export function groupUsage(commands: CommandSpec[], words: string[]): string {
  const members = commands.filter((command) => words.every((word, index) => command.path[index] === word));
  return [`Usage: roster ${words.join(' ')} <command> [options]`, '', 'Commands:', ...listing(members), '', EXIT_HELP].join('\n');
}
