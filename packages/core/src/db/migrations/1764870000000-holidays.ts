import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const range = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const holiday = (name: string, from: string, to = from) => range(from, to).map((day) => [day, 'holiday', name] as const);
const workday = (name: string, ...days: string[]) => days.map((day) => [day, 'workday', `${name}调休上班`] as const);

/**
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (holidays with their make-up working days).
 * 2027: the statutory holidays of 全国年节及纪念日放假办法 (2024 revision: 元旦 1 day, 春节 4, 清明 1,
 * 劳动节 2, 端午 1, 中秋 1, 国庆 3); the State Council's 2027 arrangement of 调休 is entered by an
 * admin when it is published.
 */
const SEED = [
  ...holiday('元旦', '2026-01-01', '2026-01-03'), ...workday('元旦', '2026-01-04'),
  ...holiday('春节', '2026-02-15', '2026-02-23'), ...workday('春节', '2026-02-14', '2026-02-28'),
  ...holiday('清明节', '2026-04-04', '2026-04-06'),
  ...holiday('劳动节', '2026-05-01', '2026-05-05'), ...workday('劳动节', '2026-05-09'),
  ...holiday('端午节', '2026-06-19', '2026-06-21'),
  ...holiday('中秋节', '2026-09-25', '2026-09-27'),
  ...holiday('国庆节', '2026-10-01', '2026-10-07'), ...workday('国庆节', '2026-09-20', '2026-10-10'),
  ...holiday('元旦', '2027-01-01'),
  ...holiday('春节', '2027-02-05', '2027-02-08'),
  ...holiday('清明节', '2027-04-05'),
  ...holiday('劳动节', '2027-05-01', '2027-05-02'),
  ...holiday('端午节', '2027-06-09'),
  ...holiday('中秋节', '2027-09-15'),
  ...holiday('国庆节', '2027-10-01', '2027-10-03'),
];

/** The working-day calendar (issue 9, item 4): holidays and make-up working days, data an admin maintains. */
export class Holidays1764870000000 implements MigrationInterface {
  name = 'Holidays1764870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'holidays',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'day', type: 'varchar', length: '10', isNullable: false },
          { name: 'kind', type: 'varchar', length: '10', isNullable: false },
          { name: 'name', type: 'varchar', length: '50', isNullable: false },
          { name: 'version', type: 'integer', isNullable: false, default: 1 },
        ],
        indices: [{ name: 'ux_holidays_day', columnNames: ['day'], isUnique: true }],
      }),
      true,
    );
    for (const [day, kind, name] of SEED) await q.query('INSERT INTO holidays (day, kind, name, version) VALUES (?, ?, ?, 1)', [day, kind, name]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('holidays', true);
  }
}
