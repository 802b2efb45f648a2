import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { termsOf, type SearchableText } from '../../search/text-terms';

/**
 * The text-search index (issue 12): `case_terms (term, case_id)`, one row per character pair of a
 * case's searchable text (see `search/terms.ts`), filled here from the cases already stored.
 * A table without rowid on SQLite, so the primary key is the table.
 */
export class CaseTerms1765600000000 implements MigrationInterface {
  name = 'CaseTerms1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'case_terms',
        withoutRowid: true,
        columns: [
          { name: 'term', type: 'bigint', isPrimary: true },
          { name: 'case_id', type: 'integer', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'ix_case_terms_case', columnNames: ['case_id'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['case_id'], referencedTableName: 'cases', referencedColumnNames: ['id'], onDelete: 'NO ACTION' })],
      }),
    );
    // Cases stored before the index: their terms, a batch at a time.
    for (let after = 0; ; ) {
      const cases = await q.query(`SELECT id, case_number, title, description, source_ref FROM cases WHERE id > ? ORDER BY id LIMIT 1000`, [after]);
      if (!cases.length) break;
      const ids = cases.map((c: { id: number | string }) => Number(c.id));
      const texts = new Map<number, SearchableText>(
        cases.map((c: Record<string, string | null>) => [Number(c.id), { caseNumber: c.case_number ?? '', title: c.title ?? '', description: c.description ?? '', sourceRef: c.source_ref, partyNames: [] }]),
      );
      const parties = await q.query(`SELECT case_id, name FROM parties WHERE case_id IN (${ids.map(() => '?').join(', ')})`, ids);
      for (const p of parties) texts.get(Number(p.case_id))?.partyNames.push(p.name);
      const rows: number[] = [];
      for (const [id, text] of texts) for (const t of termsOf(text)) rows.push(t, id);
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await q.query(`INSERT INTO case_terms (term, case_id) VALUES ${Array.from({ length: chunk.length / 2 }, () => '(?, ?)').join(', ')}`, chunk);
      }
      after = ids[ids.length - 1];
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('case_terms');
  }
}
