/**
 * Chinese names of the vocabulary's values, for what core writes for people to read (Excel
 * exports, printed reports). The admin keeps its own (zh and en) in its i18n files.
 */
export const VALUE_LABELS_ZH = {
  status: {
    registered: '已登记', accepted: '已受理', rejected: '不予受理', assigned: '已分派', mediating: '调解中', suspended: '已中止',
    settled: '调解成功', failed: '调解不成', closed: '已结案', archived: '已归档', withdrawn: '已撤回',
  },
  channel: { court: '诉调对接', procuratorate: '检调对接', police: '公调对接', government: '政调对接', petition: '访调对接', walk_in: '来访', hotline: '热线', grid: '网格上报' },
  category: {
    marriage_family: '婚姻家庭', neighbourhood: '邻里纠纷', contract: '合同纠纷', labour: '劳动/欠薪', property_management: '物业纠纷', traffic: '交通事故',
    medical: '医疗纠纷', land: '土地/山林', expropriation: '征地拆迁', consumer: '消费纠纷', damages: '损害赔偿', other: '其他',
  },
  triage: { major: '大事', minor: '小事', private: '私事' },
  risk: { low: '低风险', medium: '中风险', high: '高风险', critical: '重大风险' },
  satisfaction: { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' },
  complexity: { simple: '简易', ordinary: '一般', difficult: '疑难', major: '重大' },
  /** 司法行政统计 人民调解案件纠纷类型. */
  statsCategory: {
    marriage_family: '婚姻家庭', neighbourhood: '邻里', homestead: '房屋宅基地', contract: '合同', production: '生产经营', damages: '损害赔偿',
    labour: '劳动争议', wage_arrears: '欠薪', village_affairs: '村务管理', land: '山林土地', expropriation: '征地拆迁', environment: '环境污染',
    traffic: '道路交通事故', medical: '医疗', property_management: '物业', consumer: '消费', other: '其他',
  },
  source: { application: '申请调解', own_initiative: '主动调解', referral: '委托移送' },
  jbResult: { written: '调解成功（书面协议）', oral: '调解成功（口头协议）', failed: '调解不成', pending: '正在调解' },
} as const satisfies Record<string, Record<string, string>>;

/** The Chinese name of a value of a vocabulary (the value itself when unknown, e.g. a deployment's own category code). */
export function valueZh(kind: keyof typeof VALUE_LABELS_ZH, value: string | null | undefined): string {
  if (value == null) return '';
  const table = VALUE_LABELS_ZH[kind] as Record<string, string>;
  return Object.hasOwn(table, value) ? table[value] : value;
}
