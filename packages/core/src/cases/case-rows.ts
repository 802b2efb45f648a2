import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { MediationCase } from './case.entity';

/**
 * Case rows read with plain SQL and made into entities column by column, with the driver's own
 * conversions (instants, booleans, fen) as TypeORM's hydration does them, so the result is the
 * entity `getOne`/`getMany` would give. The hot reads (a case by id, a list's page) skip the query
 * builder: under load its SQL building and generic hydration were a tenth of the API's CPU.
 */
export class CaseRows {
  /** The select list of every column, each named by its column name: `c.case_number AS case_number, …`. */
  readonly select: string;
  private readonly metadata: EntityMetadata;
  private readonly columns: readonly ColumnMetadata[];

  constructor(
    private readonly ds: DataSource,
    readonly alias = 'c',
  ) {
    this.metadata = ds.getMetadata(MediationCase);
    this.columns = this.metadata.columns.filter((c) => !c.isVirtual);
    const q = (name: string) => ds.driver.escape(name);
    this.select = this.columns.map((c) => `${alias}.${q(c.databaseName)} AS ${q(c.databaseName)}`).join(', ');
  }

  /** The table's name as the driver writes it. */
  get table(): string {
    return this.ds.driver.escape(this.metadata.tableName);
  }

  /** The entity of a row selected with `select` (other keys of the row are ignored). */
  hydrate(row: Record<string, unknown>): MediationCase {
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as MediationCase;
    const driver = this.ds.driver;
    for (const column of this.columns) {
      const value = row[column.databaseName];
      if (value !== undefined) column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }

  /** `sql` with `:name` and `:...name` parameters, run as the query builder would run it. */
  query(sql: string, params: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
    const [text, values] = this.ds.driver.escapeQueryWithParameters(sql, params);
    return this.ds.query(text, values);
  }
}
