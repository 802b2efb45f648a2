import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** [code, name, statistics category, mediation days, day kind, overdue fails]. */
const DEFAULTS: Array<[string, string, string, number | null, 'calendar' | 'working', boolean]> = [
  ['marriage_family', '婚姻家庭', 'marriage_family', null, 'calendar', false],
  ['neighbourhood', '邻里', 'neighbourhood', null, 'calendar', false],
  ['homestead', '房屋宅基地', 'homestead', null, 'calendar', false],
  ['contract', '合同', 'contract', null, 'calendar', false],
  ['production', '生产经营', 'production', null, 'calendar', false],
  ['damages', '损害赔偿', 'damages', null, 'calendar', false],
  // 劳动争议调解仲裁法 第14条: fifteen days from the application, then a party may apply for arbitration.
  ['labour', '劳动争议', 'labour', 15, 'calendar', false],
  ['wage_arrears', '欠薪', 'wage_arrears', 15, 'calendar', false],
  ['village_affairs', '村务管理', 'village_affairs', null, 'calendar', false],
  ['land', '土地山林权属', 'land', null, 'calendar', false],
  ['expropriation', '征地拆迁', 'expropriation', null, 'calendar', false],
  ['environment', '环境污染', 'environment', null, 'calendar', false],
  ['traffic', '道路交通事故', 'traffic', null, 'calendar', false],
  // 医疗纠纷预防和处理条例 第38条: 30 working days from acceptance, appraisal excluded; past it, mediation failed.
  ['medical', '医疗', 'medical', 30, 'working', true],
  ['property_management', '物业', 'property_management', null, 'calendar', false],
  ['consumer', '消费', 'consumer', null, 'calendar', false],
  ['other', '其他', 'other', null, 'calendar', false],
];

/** Dispute categories as data an admin maintains, seeded with the default list. */
export class DisputeCategories1764800000000 implements MigrationInterface {
  name = 'DisputeCategories1764800000000';

  async up(q: QueryRunner): Promise<void> {
    // Codes compare byte for byte on MySQL-family engines too (SQLite compares bytes already).
    const binary = q.connection.options.type === 'mysql' ? { collation: 'utf8mb4_bin' } : {};
    await q.createTable(
      new Table({
        name: 'dispute_categories',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'code', type: 'varchar', length: '32', isNullable: false, ...binary },
          { name: 'name', type: 'varchar', length: '50', isNullable: false },
          { name: 'stats_category', type: 'varchar', length: '32', isNullable: false },
          { name: 'active', type: 'boolean', isNullable: false, default: 1 },
          { name: 'sort_order', type: 'integer', isNullable: false, default: 0 },
          { name: 'mediate_days', type: 'integer', isNullable: true },
          { name: 'day_kind', type: 'varchar', length: '10', isNullable: false, default: "'calendar'" },
          { name: 'overdue_fails', type: 'boolean', isNullable: false, default: 0 },
          { name: 'version', type: 'integer', isNullable: false, default: 1 },
        ],
        indices: [
          { name: 'ux_dispute_categories_code', columnNames: ['code'], isUnique: true },
          { name: 'ix_dispute_categories_stats', columnNames: ['stats_category'] },
        ],
      }),
      true,
    );
    let order = 0;
    for (const [code, name, stats, days, kind, fails] of DEFAULTS) {
      order += 10;
      await q.query(
        'INSERT INTO dispute_categories (code, name, stats_category, active, sort_order, mediate_days, day_kind, overdue_fails, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)',
        [code, name, stats, 1, order, days, kind, fails ? 1 : 0],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('dispute_categories', true);
  }
}
