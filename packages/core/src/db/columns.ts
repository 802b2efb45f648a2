import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Column helpers with explicit, portable types. Every column names its type, because tests run
 * through esbuild (no decorator metadata) and because SQLite and MySQL must get the same schema.
 */

/** BIGINT comes back from mysql2 as a string; money in fen always fits a JS number. */
const bigintToNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? v : Number(v)),
};

export const IdColumn = () => Column({ type: 'integer' });
export const IntColumn = (o: ColumnOptions = {}) => Column({ type: 'integer', ...o });
/** Money in integer fen (分). */
export const FenColumn = (o: ColumnOptions = {}) => Column({ type: 'bigint', transformer: bigintToNumber, ...o });
export const StrColumn = (length: number, o: ColumnOptions = {}) => Column({ type: 'varchar', length, ...o });
export const TextColumn = (o: ColumnOptions = {}) => Column({ type: 'text', ...o });
export const BoolColumn = (o: ColumnOptions = {}) => Column({ type: 'boolean', ...o });
/** Instants, stored in UTC with milliseconds (the history hash covers them). */
export const TimeColumn = (o: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...o });
/** Calendar dates (performance deadline, signature date) as 'YYYY-MM-DD'. */
export const DateColumn = (o: ColumnOptions = {}) => Column({ type: 'varchar', length: 10, ...o });
/** Small structured values stored as JSON text (portable to SQLite, MySQL and TiDB). */
export const JsonColumn = (o: ColumnOptions = {}) => Column({ type: 'simple-json', ...o });
