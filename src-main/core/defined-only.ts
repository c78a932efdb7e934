/**
 * The contract's optional fields are absent, never `undefined`: an explicit `undefined` would be written
 * as nothing anyway, and leaving it out keeps equal records printing (and comparing) equal.
 */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
