import { Actor, ManualClock, Organization, Tiaojie, User } from '../../src';

/** A small county for tests: two townships with a village each, a traffic mediation committee, a court desk. */
export interface Center {
  org: Record<'county' | 'east' | 'eastVillage' | 'eastGrid' | 'west' | 'westVillage' | 'traffic' | 'courtDesk', Organization>;
  user: Record<'admin' | 'clerk' | 'eastMediator' | 'eastMediator2' | 'westMediator' | 'westClerk' | 'lawyer' | 'grid' | 'liaison' | 'leader' | 'countyMediator', User>;
  actor: Record<Center['user'] extends Record<infer K, User> ? K : never, Actor>;
}

export const PASSWORD = 'correct horse battery';

export async function buildCenter(tj: Tiaojie): Promise<Center> {
  const o = tj.organizations;
  const county = await o.create({ name: '平安县矛盾纠纷调处化解中心', type: 'county', regionCode: '140105', caseNumberPrefix: '平安' });
  const east = await o.create({ name: '东关镇', type: 'township', parentId: county.id, caseNumberPrefix: '平东' });
  const eastVillage = await o.create({ name: '东关村', type: 'village', parentId: east.id });
  const eastGrid = await o.create({ name: '东关村第一网格', type: 'grid', parentId: eastVillage.id });
  const west = await o.create({ name: '西河乡', type: 'township', parentId: county.id, caseNumberPrefix: '平西' });
  const westVillage = await o.create({ name: '西河村', type: 'village', parentId: west.id });
  const traffic = await o.create({ name: '交通事故纠纷人民调解委员会', type: 'specialized', parentId: county.id, caseNumberPrefix: '平交' });
  const courtDesk = await o.create({ name: '平安县人民法院诉调对接工作室', type: 'channel', parentId: county.id, channel: 'court' });
  const mk = (username: string, displayName: string, roles: string[], org: Organization) => tj.users.create({ username, displayName, password: PASSWORD, roles, organizationId: org.id });
  const user = {
    admin: await mk('admin', '管理员', ['admin'], county),
    clerk: await mk('clerk', '窗口小王', ['clerk'], east),
    eastMediator: await mk('med_east', '李调解', ['mediator'], east),
    eastMediator2: await mk('med_east2', '赵调解', ['mediator'], east),
    westMediator: await mk('med_west', '周调解', ['mediator'], west),
    westClerk: await mk('clerk_west', '窗口小孙', ['clerk'], west),
    lawyer: await mk('lawyer', '陈律师', ['adviser'], county),
    grid: await mk('grid', '网格员小刘', ['grid'], eastGrid),
    liaison: await mk('liaison', '法院对接员', ['liaison'], courtDesk),
    leader: await mk('leader', '县领导', ['leader'], county),
    countyMediator: await mk('med_county', '钱调解', ['mediator'], county),
  };
  const actor = {} as Center['actor'];
  for (const [k, u] of Object.entries(user)) actor[k as keyof Center['actor']] = await tj.actorFor(u.id);
  return { org: { county, east, eastVillage, eastGrid, west, westVillage, traffic, courtDesk }, user, actor };
}

export const clockAt = (iso: string) => new ManualClock(new Date(iso));

/** A valid ID card number (check digit computed) for test persons. */
export { idCheckChar } from '../../src';

export const walkIn = (extra: Record<string, unknown> = {}) => ({
  channel: 'walk_in',
  category: 'neighbourhood',
  title: '邻里排水纠纷',
  description: '东关村张某与李某因院墙排水问题发生争执，双方多次协商未果。',
  amountFen: 500000,
  parties: [
    { role: 'applicant', kind: 'person', name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
    { role: 'respondent', kind: 'person', name: '李四', idNumber: '110105194912310038' },
  ],
  ...extra,
});

export const agreement = {
  facts: '双方因院墙排水问题发生纠纷。',
  disputes: '排水管道改造费用由谁承担。',
  responsibilities: '被申请人负主要责任。',
  terms: '被申请人于十日内改造排水管道，并补偿申请人人民币五千元。',
  amountFen: 500000,
  performanceMethod: '现金一次性支付',
  performanceDeadline: '2026-12-31',
  signedOn: '2026-11-20',
};
