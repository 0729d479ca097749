/**
 * The value a lookup table holds under `key`, its own only: a name a request
 * sends ("__proto__", "constructor") never reaches the object's prototype.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | null {
  return Object.hasOwn(table, key) ? table[key]! : null;
}
