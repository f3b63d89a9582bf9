import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';

/** The app's drizzle database over the worker's D1 binding `DB`. */
export type DrizzleDatabase = DrizzleD1Database<Record<string, unknown>>;

/** Injection token for the DrizzleDatabase. */
export const DRIZZLE = Symbol.for('cruzjs.Drizzle');
/** Injection token for the raw D1 binding. */
export const D1 = Symbol.for('cruzjs.D1');

export function createDrizzle(d1: D1Database, schema: Record<string, unknown>): DrizzleDatabase {
  return drizzle(d1, { schema });
}
