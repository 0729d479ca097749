import { parse, type Filter } from 'scim2-parse-filter';
import { badRequest } from './errors';

/** How one attribute reads in SQL, and how it compares (RFC 7643 section 2.2 and 7.). */
export interface SqlAttribute {
  kind: 'simple';
  sql: string;
  type: 'string' | 'boolean' | 'dateTime' | 'integer';
  /** False: compared ignoring case (userName, displayName); true: exactly (id, externalId). */
  caseExact: boolean;
  /**
   * The column already holds the text lower-cased (a *_key column): a filter
   * ignoring case compares it as it is, without lower(), so its index serves.
   */
  folded?: boolean;
  /** With `folded`: how the filter's value is folded to match the column (nameKey for a name_key); lower-cased when unset. */
  foldValue?: (value: string) => string;
  /**
   * How `eq` reads when `sql` alone would not use an index: SQL in which each
   * `?` takes the (folded) value. `ne` is its negation; other operators use `sql`.
   */
  equals?: string;
}

/**
 * A multi-valued complex attribute (emails, members): rows in `from` (SQL with
 * the owner's alias in scope), each with its sub-attributes. A filter on it holds
 * when some value matches.
 */
export interface SqlMultiAttribute {
  kind: 'multi';
  from: string;
  sub: Record<string, SqlAttribute>;
  /** The sub-attribute a bare path means (emails means emails.value). */
  primary: string;
}

export type ResolveAttribute = (path: string) => SqlAttribute | SqlMultiAttribute | null;

export interface CompiledFilter {
  sql: string;
  params: unknown[];
}

const COMPARE = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);

/** The attribute path without the core schema URN, which a filter may spell out. */
function stripCoreUrn(path: string): string {
  return path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '');
}

/** Filters longer than this (in UTF-8 bytes) are refused before they are read. */
export const MAX_FILTER_BYTES = 8 * 1024;
/** The most comparisons (eq, pr, ...) one filter may hold: SQLite refuses much larger expressions. */
export const MAX_FILTER_COMPARISONS = 200;
/** The deepest a filter may nest (parentheses, not, value filters). */
export const MAX_FILTER_DEPTH = 50;

/**
 * Reads a SCIM filter (RFC 7644 section 3.4.2.2) into its tree, refusing with
 * 400 invalidFilter one too long, too deep or with too many comparisons for
 * Roster to run: a filter that would overflow the parser's stack or SQLite's
 * expression limits is the client's to shorten, never a 500.
 */
export function parseFilter(text: string): Filter {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_FILTER_BYTES) {
    throw badRequest('invalidFilter', `The filter is ${bytes} bytes long; Roster reads filters of at most ${MAX_FILTER_BYTES} bytes. Split the query into several.`);
  }
  let tree: Filter;
  const { text: safe, strings } = setQuotedAside(text);
  try {
    tree = restoreQuoted(parse(safe), strings);
  } catch (error) {
    if (error instanceof RangeError) throw badRequest('invalidFilter', `The filter nests too deeply to be read; Roster reads filters nested at most ${MAX_FILTER_DEPTH} levels.`);
    throw badRequest('invalidFilter', `The filter cannot be read: ${(error as Error).message}.`);
  }
  checkSize(tree);
  return tree;
}

/** A quoted value as the filter grammar lexes it (RFC 7644 section 3.4.2.2: a JSON string). */
const QUOTED = /"(?:[^"\\]|\\.)*"/gs;
const PLACEHOLDER = /^\uE000(\d+)$/;

/** A JSON string's escapes read; a backslash before anything else JSON does not know stays as it is. */
function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))?/g, (whole, hex: string | undefined, plain: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (plain === undefined) return whole;
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[plain] ?? plain;
  });
}

/**
 * The parser library mis-reads a quoted value that ends in an escaped
 * backslash ("a\\"). So Roster lexes quoted values itself: each is read here
 * and stands in the text the library parses as a plain placeholder, put back
 * into the tree afterwards.
 */
function setQuotedAside(text: string): { text: string; strings: string[] } {
  const strings: string[] = [];
  const replaced = text.replace(QUOTED, (quoted) => {
    // As in JSON, a control character inside a quoted value must be escaped (\u0000).
    if (/[\u0000-\u001f]/.test(quoted)) throw badRequest('invalidFilter', 'A quoted value in the filter holds a control character; write it escaped, as in JSON (\\u0000).');
    strings.push(unquote(quoted));
    return `"\uE000${strings.length - 1}"`;
  });
  return { text: replaced, strings };
}

function restoreQuoted(node: Filter, strings: string[]): Filter {
  switch (node.op) {
    case 'and':
    case 'or':
      return { ...node, filters: node.filters.map((child) => restoreQuoted(child, strings)) };
    case 'not':
      return { ...node, filter: restoreQuoted(node.filter, strings) };
    case '[]':
      return { ...node, valFilter: restoreQuoted(node.valFilter, strings) };
    case 'pr':
      return node;
    default: {
      const match = typeof node.compValue === 'string' ? PLACEHOLDER.exec(node.compValue) : null;
      return match ? { ...node, compValue: strings[Number(match[1])]! } : node;
    }
  }
}

/** Counts comparisons and depth without recursion, so a tree of any shape is measured safely. */
function checkSize(tree: Filter): void {
  let comparisons = 0;
  const stack: { node: Filter; depth: number }[] = [{ node: tree, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_FILTER_DEPTH) throw badRequest('invalidFilter', `The filter nests more than ${MAX_FILTER_DEPTH} levels deep (parentheses, not and value filters); write it flatter.`);
    if (node.op === 'and' || node.op === 'or') for (const child of node.filters) stack.push({ node: child, depth: depth + 1 });
    else if (node.op === 'not') stack.push({ node: node.filter, depth: depth + 1 });
    else if (node.op === '[]') stack.push({ node: node.valFilter, depth: depth + 1 });
    else comparisons += 1;
    if (comparisons > MAX_FILTER_COMPARISONS) {
      throw badRequest('invalidFilter', `The filter has more than ${MAX_FILTER_COMPARISONS} comparisons; Roster runs at most ${MAX_FILTER_COMPARISONS} in one filter. Split the query into several.`);
    }
  }
}

/**
 * Compiles a SCIM filter (RFC 7644 section 3.4.2.2) to a parameterised SQL
 * condition. Values only ever travel as parameters; attribute names are looked
 * up (`resolve`), never copied into the SQL. An unknown attribute, a value of
 * the wrong type, or a filter over the limits of parseFilter is an
 * invalidFilter error.
 */
export function compileFilter(text: string, resolve: ResolveAttribute): CompiledFilter {
  const tree = parseFilter(text);
  const params: unknown[] = [];
  const sql = compile(tree, resolve, params);
  return { sql, params };
}

/**
 * Runs a query built from a compiled filter (null: none). SQLite may still
 * refuse one (an expression too large): that is the filter's fault, so it is
 * 400 invalidFilter, not 500. A busy or broken store is not the filter's, and
 * a query without a filter fails as it would anyway.
 */
export function runFiltered<T>(filter: CompiledFilter | null, query: () => T): T {
  try {
    return query();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (filter !== null && (error as Error).name === 'SqliteError' && typeof code === 'string' && !/^SQLITE_(BUSY|LOCKED|IOERR|FULL|CORRUPT|NOMEM|READONLY)/.test(code)) {
      throw badRequest('invalidFilter', `The filter is too large or complex for Roster to run (${(error as Error).message}); simplify it.`);
    }
    throw error;
  }
}

function lookup(path: string, resolve: ResolveAttribute): { attribute: SqlAttribute; multi: SqlMultiAttribute | null } {
  const clean = stripCoreUrn(path);
  const direct = resolve(clean);
  if (direct?.kind === 'simple') return { attribute: direct, multi: null };
  if (direct?.kind === 'multi') return { attribute: direct.sub[direct.primary]!, multi: direct };
  // emails.value, members.display: the sub-attribute of a multi-valued one.
  const dot = clean.lastIndexOf('.');
  if (dot > 0) {
    const parent = resolve(clean.slice(0, dot));
    const sub = parent?.kind === 'multi' ? parent.sub[clean.slice(dot + 1)] ?? findIgnoringCase(parent.sub, clean.slice(dot + 1)) : undefined;
    if (parent?.kind === 'multi' && sub) return { attribute: sub, multi: parent };
  }
  throw badRequest('invalidFilter', `The filter names "${path}", which is not an attribute Roster can filter on.`);
}

function findIgnoringCase<T>(record: Record<string, T>, name: string): T | undefined {
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function compile(node: Filter, resolve: ResolveAttribute, params: unknown[]): string {
  switch (node.op) {
    case 'and':
    case 'or':
      return `(${node.filters.map((child) => compile(child, resolve, params)).join(node.op === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `(NOT coalesce(${compile(node.filter, resolve, params)}, 0))`;
    case '[]': {
      const parent = resolve(stripCoreUrn(node.attrPath));
      if (parent?.kind !== 'multi') throw badRequest('invalidFilter', `"${node.attrPath}" is not a multi-valued attribute, so it cannot take a [filter].`);
      const inner = compile(node.valFilter, (path) => parent.sub[path] ?? findIgnoringCase(parent.sub, path) ?? null, params);
      return `EXISTS (SELECT 1 FROM ${parent.from} AND ${inner})`;
    }
    case 'pr': {
      const { attribute, multi } = lookup(node.attrPath, resolve);
      const present = attribute.type === 'string' ? `(${attribute.sql} IS NOT NULL AND ${attribute.sql} <> '')` : `(${attribute.sql} IS NOT NULL)`;
      return multi ? `EXISTS (SELECT 1 FROM ${multi.from} AND ${present})` : present;
    }
    default: {
      if (!COMPARE.has(node.op)) throw badRequest('invalidFilter', `"${String(node.op)}" is not a filter operator.`);
      const { attribute, multi } = lookup(node.attrPath, resolve);
      const condition = comparison(node.op, attribute, node.compValue, node.attrPath, params);
      return multi ? `EXISTS (SELECT 1 FROM ${multi.from} AND ${condition})` : condition;
    }
  }
}

function comparison(op: string, attribute: SqlAttribute, value: unknown, path: string, params: unknown[]): string {
  const column = attribute.sql;
  if (value === null) {
    if (op === 'eq') return `(${column} IS NULL)`;
    if (op === 'ne') return `(${column} IS NOT NULL)`;
    throw badRequest('invalidFilter', `"${path} ${op} null" compares with nothing; use "pr" to ask whether it has a value.`);
  }
  if (attribute.type === 'boolean') {
    if (typeof value !== 'boolean') throw badRequest('invalidFilter', `${path} is true or false, not ${JSON.stringify(value)}.`);
    if (op !== 'eq' && op !== 'ne') throw badRequest('invalidFilter', `${path} is true or false; compare it with eq or ne, not ${op}.`);
    params.push(value ? 1 : 0);
    return op === 'eq' ? `(coalesce(${column}, 0) = ?)` : `(coalesce(${column}, 0) <> ?)`;
  }
  if (attribute.type === 'integer') {
    if (typeof value !== 'number') throw badRequest('invalidFilter', `${path} is a number, not ${JSON.stringify(value)}.`);
  } else if (typeof value !== 'string') {
    throw badRequest('invalidFilter', `${path} is text; put the value in double quotes.`);
  }
  if (attribute.type === 'dateTime' && Number.isNaN(Date.parse(value as string))) {
    throw badRequest('invalidFilter', `${path} is a date and time, and "${String(value)}" is not one.`);
  }
  // Text compares ignoring case unless the schema says the attribute is case-exact.
  const fold = attribute.type === 'string' && !attribute.caseExact;
  const left = fold && !attribute.folded ? `lower(${column})` : column;
  const foldText = attribute.folded && attribute.foldValue ? attribute.foldValue : (text: string) => text.toLowerCase();
  const right = attribute.type === 'dateTime' ? new Date(value as string).toISOString() : fold ? foldText(value as string) : value;
  if (attribute.equals && (op === 'eq' || op === 'ne')) {
    const equals = attribute.equals;
    for (let index = equals.split('?').length - 1; index > 0; index -= 1) params.push(right);
    return op === 'eq' ? `(${equals})` : `(NOT (${equals}))`;
  }
  switch (op) {
    case 'eq':
      params.push(right);
      return `(${left} = ?)`;
    case 'ne':
      params.push(right);
      return `(${left} IS NULL OR ${left} <> ?)`;
    case 'co':
      params.push(right);
      return `(instr(${left}, ?) > 0)`;
    case 'sw':
      params.push(right, right);
      return `(substr(${left}, 1, length(?)) = ?)`;
    case 'ew':
      params.push(right, right);
      // A negative start counts from the end; a shorter value than the suffix stays itself and so differs.
      return `(substr(${left}, -length(?)) = ?)`;
    default: {
      params.push(right);
      const sqlOp = { gt: '>', ge: '>=', lt: '<', le: '<=' }[op as 'gt' | 'ge' | 'lt' | 'le'];
      return `(${left} ${sqlOp} ?)`;
    }
  }
}
