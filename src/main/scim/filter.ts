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

/**
 * Compiles a SCIM filter (RFC 7644 section 3.4.2.2) to a parameterised SQL
 * condition. Values only ever travel as parameters; attribute names are looked
 * up (`resolve`), never copied into the SQL. An unknown attribute or a value of
 * the wrong type is an invalidFilter error.
 */
export function compileFilter(text: string, resolve: ResolveAttribute): CompiledFilter {
  let tree: Filter;
  try {
    tree = parse(text);
  } catch (error) {
    throw badRequest('invalidFilter', `The filter cannot be read: ${(error as Error).message}.`);
  }
  const params: unknown[] = [];
  const sql = compile(tree, resolve, params);
  return { sql, params };
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
