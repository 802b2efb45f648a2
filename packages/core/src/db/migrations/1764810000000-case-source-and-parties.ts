import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

const str = (name: string, length: number, nullable = true, dflt?: string) =>
  new TableColumn({ name, type: 'varchar', length: String(length), isNullable: nullable, ...(dflt === undefined ? {} : { default: `'${dflt}'` }) });

/**
 * Who and how (issue 9, item 5): the case's source (人民调解法 第17条, 第18条) and type of mediation,
 * the parties' consent, chosen mediator and rights notice (第17条, 第23条); the parties' particulars
 * (sex, ethnicity, birth date, occupation, legal representative, agents with their authority).
 */
export class CaseSourceAndParties1764810000000 implements MigrationInterface {
  name = 'CaseSourceAndParties1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('cases', [
      str('source', 20, false, 'application'),
      str('mediation_type', 20, false, 'people'),
      str('consent', 10),
      str('consent_on', 10),
      str('chosen_mediator', 100),
      str('rights_notified_on', 10),
    ]);
    // Linked channels' cases were referrals (委托移送); court cases court-delegated (委派), the usual pre-filing kind.
    await q.query("UPDATE cases SET source = 'referral' WHERE channel IN ('court', 'procuratorate', 'police', 'government', 'petition')");
    await q.query("UPDATE cases SET source = 'own_initiative' WHERE channel = 'grid'");
    await q.query("UPDATE cases SET mediation_type = 'court_delegated' WHERE channel = 'court'");
    await q.addColumns('parties', [
      str('sex', 10),
      str('ethnicity', 20),
      str('birth_date', 10),
      str('occupation', 50),
      str('legal_representative', 100),
      new TableColumn({ name: 'agents', type: 'text', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['agents', 'legal_representative', 'occupation', 'birth_date', 'ethnicity', 'sex']) await q.dropColumn('parties', c);
    for (const c of ['rights_notified_on', 'chosen_mediator', 'consent_on', 'consent', 'mediation_type', 'source']) await q.dropColumn('cases', c);
  }
}
