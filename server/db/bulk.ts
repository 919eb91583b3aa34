/**
 * Multi-row statements for the push path: splitting rows into statements
 * that stay within both engines' limits on bound values, and inserting many
 * rows of one table in one statement.
 *
 * Why `insertRows` builds its text here and not with Kysely's query builder:
 * a push writes hundreds of rows to each of a few tables, and building such
 * an INSERT through the builder took more CPU than SQLite took to run it
 * (`npm run bench:profile`). The text holds only the table's and columns'
 * names (from code, never from input) and placeholders; every value is bound.
 */
import { CompiledQuery, sql } from 'kysely';
import type { Insertable, Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

/**
 * The most values one statement may bind: SQLite's limit (32 766 in the
 * bundled build, SQLITE_MAX_VARIABLE_NUMBER) is the lower of the two
 * engines' (PostgreSQL: 65 535).
 */
export const MAX_BOUND_VALUES = 32_766;

/**
 * Splits `items` into runs that each fit one statement, when every item
 * binds `valuesEach` values and the statement binds `fixed` more.
 */
export const inStatementChunks = <T>(items: readonly T[], valuesEach: number, fixed = 0): T[][] => {
  const size = Math.max(1, Math.floor((MAX_BOUND_VALUES - fixed) / valuesEach));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

type Table = keyof DatabaseSchema & string;
/** A whole row: every column given (null where empty), so all rows bind alike. */
export type FullRow<T extends Table> = Required<Insertable<DatabaseSchema[T]>>;

const quote = (name: string): string => `"${name}"`;

/**
 * Inserts `rows` into `table`, as few statements as the limits allow.
 * `upsert` turns it into "insert, or update these columns of the row with
 * the same key" (the same text on SQLite and PostgreSQL); a key may then
 * appear only once in `rows`.
 */
export const insertRows = async <T extends Table>(
  db: Kysely<DatabaseSchema>,
  table: T,
  rows: readonly FullRow<T>[],
  upsert?: {
    key: readonly (keyof DatabaseSchema[T] & string)[];
    update: readonly (keyof DatabaseSchema[T] & string)[];
  },
): Promise<void> => {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  // `?` on SQLite, `$1`, `$2`... on PostgreSQL: Kysely knows the dialect.
  const isNumbered = sql`${0}`.compile(db).sql !== '?';
  const onConflict = upsert
    ? ` on conflict (${upsert.key.map(quote).join(', ')}) do update set ` +
      upsert.update.map((column) => `${quote(column)} = excluded.${quote(column)}`).join(', ')
    : '';
  for (const chunk of inStatementChunks(rows, columns.length)) {
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        values.push((row as Record<string, unknown>)[column]);
        return isNumbered ? `$${values.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    const text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}${onConflict}`;
    await db.executeQuery(CompiledQuery.raw(text, values));
  }
};
