import { parseArgs } from 'node:util';
import type { CommandSpec, OptionValues } from './command';

/** Options every command takes. --version is the program's own, not a command's. */
const GLOBAL_OPTIONS = {
  db: { type: 'string' },
  server: { type: 'string' },
  token: { type: 'string' },
  ca: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const STORE_OPTIONS = ['--db', '--server', '--token', '--ca'];

/**
 * Splits argv into the command's words and the rest. Global options may come
 * before the words (`roster --db x.db orgs list`); the words end at the first
 * other option, so an option's value is never taken for a command word.
 */
export function splitCommand(commands: CommandSpec[], argv: string[]): { words: string[]; rest: string[] } {
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
    // The options that name the store (and their values) may stand before the command's words.
    if (STORE_OPTIONS.includes(arg) && index + 1 < argv.length) {
      rest.push(arg, argv[index + 1]!);
      index += 1;
      continue;
    }
    if (arg !== '--json' && !STORE_OPTIONS.some((option) => arg.startsWith(`${option}=`))) matching = false;
    rest.push(arg);
  }
  return { words, rest };
}

/** The command's options, checked: unknown, repeated, missing and malformed ones are usage errors. */
export function parseOptions(command: CommandSpec, rest: string[]): { values: OptionValues } | { error: string } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = { ...GLOBAL_OPTIONS };
  for (const [name, spec] of Object.entries(command.options)) options[name] = { type: spec.type, multiple: spec.multiple === true };
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: command.argument !== undefined, tokens: true });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || command.options[token.name]?.multiple) continue;
    if (seen.has(token.name)) return { error: `--${token.name} is given more than once` };
    seen.add(token.name);
  }
  const values = parsed.values as OptionValues;
  if (values.help) return { values };
  if (command.argument) {
    const { name, valueName } = command.argument;
    if (parsed.positionals.length === 0) return { error: `missing ${valueName}` };
    if (parsed.positionals.length > 1) return { error: `one ${valueName} only; "${parsed.positionals[1]}" is one too many` };
    values[name] = parsed.positionals[0];
  }
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name];
    if (value === undefined) {
      if (spec.required) return { error: `missing --${name}${spec.valueName ? ` ${spec.valueName}` : ''}` };
      continue;
    }
    if (spec.choices && !spec.choices.includes(String(value))) {
      return { error: `--${name} must be ${spec.choices.map((choice) => `"${choice}"`).join(' or ')}, not "${String(value)}"` };
    }
    if (spec.integer) {
      const text = String(value).trim();
      if (!/^-?\d+$/.test(text)) return { error: `--${name} must be a whole number, not "${String(value)}"` };
      const number = Number(text);
      if (!Number.isSafeInteger(number)) return { error: `--${name} is far too large: ${text}` };
      values[name] = number;
    }
  }
  return { values };
}
