/**
 * The demo county: 青山县 (fictional, region code 140199), its townships, villages and grids,
 * specialised mediation organizations, channel bodies, departments, users and policies.
 */
import { chinaDate } from '@tiaojie/core';
import type { Actor, AdviserAssignment, Category, Channel, Organization, Role, SlaPolicy, SubsidyPolicy, Tiaojie } from '@tiaojie/core';
import { mobile } from './people';
import { Rng } from './random';

export const REGION = '140199';
export const COUNTY_NAME = '青山县';
/** The court's code in its case numbers (（2026）晋0199民诉前调123号). */
export const COURT_CODE = '晋0199';

interface TownshipDef {
  code: string;
  name: string;
  prefix: string;
  villages: string[];
}

const TOWNSHIPS: TownshipDef[] = [
  { code: 'cg', name: '城关镇', prefix: '青城', villages: ['城东社区', '城西社区', '文昌社区', '解放村'] },
  { code: 'dh', name: '东河镇', prefix: '青东', villages: ['东河村', '柳树湾村', '王家庄村', '河口村', '新民村'] },
  { code: 'xl', name: '西岭乡', prefix: '青西', villages: ['西岭村', '石门村', '杨家坪村'] },
  { code: 'nh', name: '南湖街道', prefix: '青南', villages: ['湖滨社区', '锦绣社区', '幸福里社区', '南湖新村社区'] },
  { code: 'bs', name: '北山乡', prefix: '青北', villages: ['北山村', '马家沟村', '红旗村', '桃园村'] },
];

/** 行业性专业性调解组织, each numbering its own cases, with the categories it takes. */
const SPECIALIZED: Array<{ code: string; name: string; prefix: string; categories: Category[]; head: string; second: string }> = [
  { code: 'jt', name: '青山县道路交通事故纠纷人民调解委员会', prefix: '青交', categories: ['traffic'], head: '马振华', second: '曹丽娟' },
  { code: 'hy', name: '青山县婚姻家庭纠纷人民调解委员会', prefix: '青婚', categories: ['marriage_family'], head: '沈秀英', second: '蒋海燕' },
  { code: 'yh', name: '青山县医疗纠纷人民调解委员会', prefix: '青医', categories: ['medical'], head: '杜文杰', second: '叶春梅' },
  { code: 'wy', name: '青山县物业纠纷人民调解委员会', prefix: '青物', categories: ['property_management'], head: '程立新', second: '苏晓燕' },
  { code: 'ld', name: '青山县劳动争议人民调解委员会', prefix: '青劳', categories: ['labour'], head: '魏学军', second: '吕美玲' },
  { code: 'xf', name: '青山县消费纠纷人民调解委员会', prefix: '青消', categories: ['consumer'], head: '丁慧敏', second: '任俊峰' },
];

/** Channel bodies: where linked channels push cases from. `under`: a township code, or the county. */
const CHANNEL_BODIES: Array<{ code: string; name: string; channel: Channel; under: string; liaison: string }> = [
  { code: 'court', name: '青山县人民法院诉调对接工作室', channel: 'court', under: 'county', liaison: '法院对接员 韩雪梅' },
  { code: 'jcy', name: '青山县人民检察院检调对接工作室', channel: 'procuratorate', under: 'county', liaison: '检察院对接员 冯立新' },
  { code: 'police', name: '青山县公安局城关派出所公调对接室', channel: 'police', under: 'cg', liaison: '派出所对接员 邓海军' },
  { code: 'jj', name: '青山县公安局交通管理大队事故处理中队', channel: 'police', under: 'county', liaison: '交警对接员 彭鹏飞' },
  { code: '12345', name: '青山县12345政务服务便民热线', channel: 'government', under: 'county', liaison: '12345对接员 曾婷婷' },
  { code: 'xfj', name: '青山县信访局', channel: 'petition', under: 'county', liaison: '信访局对接员 肖国庆' },
];

/** Departments (三事分流: 大事 go to the responsible department). */
const DEPARTMENTS: Array<{ code: string; name: string; categories: Category[]; clerk?: string }> = [
  { code: 'rsj', name: '青山县人力资源和社会保障局', categories: ['labour'], clerk: '人社局联络员 田红霞' },
  { code: 'zjj', name: '青山县住房和城乡建设局', categories: ['property_management', 'expropriation'], clerk: '住建局联络员 董保国' },
  { code: 'zrj', name: '青山县自然资源局', categories: ['land'] },
  { code: 'scj', name: '青山县市场监督管理局', categories: ['consumer'] },
];

export interface Township {
  org: Organization;
  code: string;
  villages: Village[];
}
export interface Village {
  org: Organization;
  code: string;
  township: Township;
  grids: Organization[];
}

/** A demo account as the summary lists it. */
export interface DemoUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  organization: string;
  organizationId: number;
}

/** A demo organization as the summary lists it (what the bulk generator needs to place cases). */
export type DemoOrganization = Pick<Organization, 'id' | 'name' | 'type' | 'parentId' | 'path' | 'caseNumberPrefix' | 'channel'>;

/** Every organization of the county, parents before children. */
export function countyOrganizations(c: County): DemoOrganization[] {
  const all = [c.county, ...c.townships.flatMap((t) => [t.org, ...t.villages.flatMap((v) => [v.org, ...v.grids])]), ...c.specialized.map((s) => s.org), ...c.channelBodies.map((b) => b.org), ...c.departments.map((d) => d.org)];
  return all.map(({ id, name, type, parentId, path, caseNumberPrefix, channel }) => ({ id, name, type, parentId, path, caseNumberPrefix, channel }));
}

export interface County {
  county: Organization;
  townships: Township[];
  villages: Village[];
  specialized: Array<{ org: Organization; code: string; categories: Category[] }>;
  channelBodies: Array<{ org: Organization; code: string; channel: Channel }>;
  departments: Array<{ org: Organization; code: string; categories: Category[] }>;
  users: DemoUser[];
  /** The actor of every demo user, by username. */
  actor: Record<string, Actor>;
  /** Mediators by organization id. */
  mediatorsOf: Map<number, string[]>;
  /** The desk user (clerk) who accepts and assigns for an organization, by organization id. */
  deskOf: Map<number, string>;
  /** Legal advisers, and the village ids each serves. */
  advisers: Array<{ username: string; villageIds: number[] }>;
  /** Grid workers by village id. */
  gridWorkersOf: Map<number, string[]>;
  policies: SlaPolicy[];
}

const day = chinaDate;

/**
 * Create the county: organizations, users (all with one password, the admin optionally with its
 * own), adviser terms, SLA and subsidy policies. Runs through the services where there is one.
 */
export async function buildCounty(tj: Tiaojie, rng: Rng, passwords: { admin: string; demo: string }): Promise<County> {
  const o = tj.organizations;
  const now = tj.clock.now();
  const county = await o.create({ name: '青山县矛盾纠纷调处化解中心', type: 'county', regionCode: REGION, caseNumberPrefix: '青山' });

  const townships: Township[] = [];
  const villages: Village[] = [];
  for (const [ti, t] of TOWNSHIPS.entries()) {
    const org = await o.create({ name: `${t.name}矛盾纠纷调处化解中心`, type: 'township', parentId: county.id, regionCode: `${REGION}${String(100 + ti * 2).padStart(3, '0')}`, caseNumberPrefix: t.prefix });
    const township: Township = { org, code: t.code, villages: [] };
    for (const [vi, name] of t.villages.entries()) {
      const v = await o.create({ name, type: 'village', parentId: org.id });
      const gridCount = vi === 0 ? 2 : 1;
      const grids: Organization[] = [];
      for (let g = 1; g <= gridCount; g++) grids.push(await o.create({ name: `${name}第${'一二三'[g - 1]}网格`, type: 'grid', parentId: v.id }));
      const village: Village = { org: v, code: `${t.code}${vi + 1}`, township, grids };
      township.villages.push(village);
      villages.push(village);
    }
    townships.push(township);
  }
  const specialized = [];
  for (const s of SPECIALIZED) specialized.push({ org: await o.create({ name: s.name, type: 'specialized', parentId: county.id, caseNumberPrefix: s.prefix }), code: s.code, categories: s.categories });
  const channelBodies = [];
  for (const b of CHANNEL_BODIES) {
    const parent = b.under === 'county' ? county : townships.find((t) => t.code === b.under)!.org;
    channelBodies.push({ org: await o.create({ name: b.name, type: 'channel', parentId: parent.id, channel: b.channel }), code: b.code, channel: b.channel });
  }
  const departments = [];
  for (const d of DEPARTMENTS) departments.push({ org: await o.create({ name: d.name, type: 'department', parentId: county.id }), code: d.code, categories: d.categories });

  // Users. Usernames are short and guessable on purpose: this is a demo.
  const defs: Array<{ username: string; displayName: string; roles: Role[]; org: Organization }> = [
    { username: 'admin', displayName: '系统管理员 赵敏', roles: ['admin'], org: county },
    { username: 'leader', displayName: '县委政法委 周志刚', roles: ['leader'], org: county },
    { username: 'clerk', displayName: '县中心窗口 王晓燕', roles: ['clerk'], org: county },
    { username: 'mediator', displayName: '县中心调解员 李德明', roles: ['mediator'], org: county },
    { username: 'mediator2', displayName: '县中心调解员 孙玉珍', roles: ['mediator'], org: county },
    { username: 'lawyer', displayName: '陈永刚律师', roles: ['adviser'], org: county },
    { username: 'lawyer2', displayName: '林静怡律师', roles: ['adviser'], org: county },
    { username: 'lawyer3', displayName: '郭浩然律师', roles: ['adviser'], org: county },
    { username: 'lawyer4', displayName: '何丽萍律师', roles: ['adviser'], org: county },
  ];
  const MEDIATOR_NAMES = [['张卫东', '刘秀英', '杨建华'], ['黄振华', '吴凤英'], ['徐满仓', '朱彩霞'], ['胡晓丽', '高世杰', '罗思琪'], ['郑长江', '梁金凤']];
  for (const [i, t] of townships.entries()) {
    const name = TOWNSHIPS[i].name;
    defs.push({ username: `${t.code}_clerk`, displayName: `${name}窗口 ${['谢艳芳', '宋春生', '唐月娥', '许慧敏', '韩庆丰'][i]}`, roles: ['clerk'], org: t.org });
    for (const [m, person] of MEDIATOR_NAMES[i].entries()) defs.push({ username: `${t.code}_med${m + 1}`, displayName: `${name}调解员 ${person}`, roles: ['mediator'], org: t.org });
    for (const v of t.villages) {
      for (const [g, grid] of v.grids.entries()) {
        defs.push({ username: `grid_${v.code}${g ? String.fromCharCode(97 + g) : ''}`, displayName: `${grid.name}网格员 ${rng.pick(['小', '老'])}${rng.pick(['王', '李', '张', '刘', '陈', '杨', '赵', '周'])}`, roles: ['grid'], org: grid });
      }
    }
  }
  defs.push({ username: 'cg_leader', displayName: '城关镇分管领导 袁红兵', roles: ['leader'], org: townships[0].org });
  for (const s of SPECIALIZED) {
    const org = specialized.find((x) => x.code === s.code)!.org;
    // The committee's chair also takes applications at its own desk.
    defs.push({ username: `${s.code}_med1`, displayName: `${s.name.replace('青山县', '').replace('人民调解委员会', '调委会')} ${s.head}`, roles: ['mediator', 'clerk'], org });
    defs.push({ username: `${s.code}_med2`, displayName: `${s.name.replace('青山县', '').replace('人民调解委员会', '调委会')} ${s.second}`, roles: ['mediator'], org });
  }
  for (const b of CHANNEL_BODIES) defs.push({ username: `liaison_${b.code}`, displayName: b.liaison, roles: ['liaison'], org: channelBodies.find((x) => x.code === b.code)!.org });
  for (const d of DEPARTMENTS) if (d.clerk) defs.push({ username: `${d.code}_clerk`, displayName: d.clerk, roles: ['clerk'], org: departments.find((x) => x.code === d.code)!.org });

  const users: DemoUser[] = [];
  // argon2 runs on the thread pool: a few at a time keeps both cores busy.
  for (let i = 0; i < defs.length; i += 4) {
    const batch = defs.slice(i, i + 4);
    const created = await Promise.all(
      batch.map((d) =>
        tj.users.create({ username: d.username, displayName: d.displayName, password: d.username === 'admin' ? passwords.admin : passwords.demo, roles: d.roles, organizationId: d.org.id, phone: mobile(rng) }),
      ),
    );
    created.forEach((u, k) => users.push({ id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, organization: batch[k].org.name, organizationId: batch[k].org.id }));
  }
  const byName = new Map(users.map((u) => [u.username, u]));

  // The center's admin appoints the lawyers and sets the policies, through the same audited
  // commands as in the admin screens.
  const admin = await tj.actorFor(byName.get('admin')!.id);

  // 村(社区)法律顾问: each lawyer serves a few villages, for a two-year term around today.
  const advisers: County['advisers'] = [];
  const lawyers = ['lawyer', 'lawyer2', 'lawyer3', 'lawyer4'];
  const terms: AdviserAssignment[] = [];
  const from = day(new Date(now.getTime() - 365 * 86_400_000));
  const to = day(new Date(now.getTime() + 365 * 86_400_000));
  for (const [i, v] of villages.entries()) {
    const lawyer = lawyers[i % lawyers.length];
    terms.push(await tj.advisers.createAssignment(admin, { adviserId: byName.get(lawyer)!.id, villageId: v.org.id, startsOn: from, endsOn: to, note: `${COUNTY_NAME}“一村(社区)一法律顾问”聘任` }));
  }
  for (const l of lawyers) advisers.push({ username: l, villageIds: terms.filter((t) => t.adviserId === byName.get(l)!.id).map((t) => t.villageId) });

  // The county's policies govern every organization below it.
  const policies: SlaPolicy[] = [];
  for (const p of slaPolicies()) policies.push(await tj.policies.sla.create(admin, { ...p, organizationId: county.id }));
  for (const p of subsidyPolicies(`${now.getUTCFullYear() - 1}-01-01`)) await tj.policies.subsidy.create(admin, { ...p, organizationId: county.id });

  // After the assignments: a lawyer's actor carries the villages served.
  const actor: Record<string, Actor> = {};
  for (const u of users) actor[u.username] = await tj.actorFor(u.id);

  const mediatorsOf = new Map<number, string[]>();
  const deskOf = new Map<number, string>();
  for (const d of defs) {
    if (d.roles.includes('mediator')) mediatorsOf.set(d.org.id, [...(mediatorsOf.get(d.org.id) ?? []), d.username]);
    if (d.roles.includes('clerk') && !deskOf.has(d.org.id)) deskOf.set(d.org.id, d.username);
  }
  const gridWorkersOf = new Map<number, string[]>();
  for (const v of villages) gridWorkersOf.set(v.org.id, v.grids.map((_g, g) => `grid_${v.code}${g ? String.fromCharCode(97 + g) : ''}`));

  return { county, townships, villages, specialized, channelBodies, departments, users, actor, mediatorsOf, deskOf, advisers, gridWorkersOf, policies };
}

/** Time limits (挂单计时) per channel and category. */
function slaPolicies(): Array<Partial<SlaPolicy>> {
  const p = (name: string, channel: Channel | null, category: Category | null, acceptDays: number, mediateDays: number, extensionDays: number, followUpDays = 15) => ({
    name, channel, category, acceptDays, mediateDays, extensionDays, followUpDays, confirmationDays: 30, yellowPercent: 75, active: true,
  });
  return [
    p('默认时限：3日内受理，30日内调结，可延长一次', null, null, 3, 30, 30),
    p('诉前委派调解：30日内调结（法院规定）', 'court', null, 2, 30, 15),
    p('检调对接：30日内调结', 'procuratorate', null, 3, 30, 15),
    p('公调对接：15日内调结', 'police', null, 1, 15, 15),
    p('政调对接（12345工单）：1日内受理，15日内办结', 'government', null, 1, 15, 15),
    p('访调对接：5日内受理，60日内办结', 'petition', null, 5, 60, 30),
    p('劳动争议：15日内调结（劳动争议调解仲裁法第十四条）', null, 'labour', 3, 15, 15),
    p('道路交通事故：10日内调结（道路交通安全法实施条例第九十四条）', null, 'traffic', 2, 10, 10),
    p('医疗纠纷：30日内调结', null, 'medical', 3, 30, 30),
  ];
}

/** 以案定补: amounts in fen by complexity and result. */
function subsidyPolicies(validFrom: string): Array<Partial<SubsidyPolicy>> {
  const table: Array<[SubsidyPolicy['complexity'], string, number, number]> = [
    ['simple', '简易', 10_000, 3_000],
    ['ordinary', '一般', 30_000, 8_000],
    ['difficult', '疑难', 80_000, 20_000],
    ['major', '重大', 200_000, 50_000],
  ];
  return table.flatMap(([complexity, zh, settled, failed]) => [
    { name: `${zh}案件·调解成功`, complexity, result: 'settled' as const, amountFen: settled, validFrom, validTo: null },
    { name: `${zh}案件·调解不成`, complexity, result: 'failed' as const, amountFen: failed, validFrom, validTo: null },
  ]);
}
