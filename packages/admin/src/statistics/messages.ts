/** Words of the statistics page (zh first; en has the same keys). */
export const statisticsZh = {
  title: '统计分析',
  menu: '统计分析',
  tabs: { center: '中心统计', justice: '统计报表', warnings: '预警与类案', subsidies: '以案定补' },
  period: { label: '统计期间', month: '月度', quarter: '季度', year: '年度', range: '自定义', from: '开始日期', to: '结束日期', value: '期间' },
  area: '区域', all_areas: '本辖区全部', channel: '来源渠道', all_channels: '全部渠道',
  export: '导出 Excel', exporting: '正在导出… 已接收 %{kb} KB', exported: '已导出 %{kb} KB', print: '打印',
  received: '受理登记数', by_channel: '按渠道', by_category: '按纠纷类型', by_area: '按区域', by_month: '按月份',
  rates: '主要比率', value: '数值', numerator: '分子', denominator: '分母', none: '—',
  handling: '办理天数', mean: '平均', p90: '90分位', closed: '结案数', days: '%{n} 天',
  source_resolved: '三源共治', transfers: '移交与上提', transfer: '移交', escalation: '上提', sent: '发起', acknowledged: '签收', hours: '平均签收小时',
  mediators: '调解员办案量', open: '在办', settled: '成功', failed: '不成',
  justice: {
    title: '人民调解统计报表', category: '纠纷类型', total: '合计', cases: '案件合计', amount: '涉及金额（元）', people: '涉及人数',
    prevented_criminal: '防止民转刑', prevented_group: '防止群体性上访', confirmations_applied: '申请司法确认', confirmations_granted: '司法确认有效',
    committees: '调解组织', mediators: '调解员', cases_people: '%{cases} 件 / %{people} 人',
  },
  warnings: {
    state: '状态', kind: '类型', title: '预警', cases: '案件数', owner: '承办', updated: '更新时间', actions: '处置',
    take: '认领', handle: '已处置', dismiss: '排除', reason: '理由或要求', assign: '统一分派', supervise: '类案督办（要求见上栏，10日）', grow: '新增案件', raise: '生成', mediator_id: '调解员编号', history: '处置记录', view_cases: '查看案件',
    empty: '没有预警',
  },
  subsidy: {
    month: '结算月份', close: '结算本月', closed: '已结算（%{at}）', open: '未结算', lines: '案件明细', by_mediator: '按调解员', by_organization: '按组织',
    case_number: '案号', mediator: '调解员', organization: '承办组织', complexity: '难易程度', result: '结果', amount: '金额（元）', kind: '类型',
    regular: '本月', correction: '更正', total: '合计（元）', cases: '案件数', confirm_close: '结算后本月明细将冻结，之后的变化计入下月更正。确定结算？',
  },
  enums: {
    warning_state: { open: '待处置', handled: '已处置', dismissed: '已排除' },
    warning_kind: { class_area: '区域类案', class_respondent: '同一被申请人', high_risk: '高风险', criminal_risk: '民转刑风险' },
    source: { application: '申请调解', own_initiative: '主动调解', referral: '委托移送' },
    jb_result: { written: '成功·书面', oral: '成功·口头', failed: '调解不成', pending: '正在调解' },
    complexity: { simple: '简易', ordinary: '一般', difficult: '疑难', major: '重大' },
    result: { settled: '调解成功', failed: '调解不成' },
    stats_category: {
      marriage_family: '婚姻家庭', neighbourhood: '邻里', homestead: '房屋宅基地', contract: '合同', production: '生产经营', damages: '损害赔偿',
      labour: '劳动争议', wage_arrears: '欠薪', village_affairs: '村务管理', land: '山林土地', expropriation: '征地拆迁', environment: '环境污染',
      traffic: '道路交通事故', medical: '医疗', property_management: '物业', consumer: '消费', other: '其他',
    },
  },
};

export const statisticsEn: typeof statisticsZh = {
  title: 'Statistics',
  menu: 'Statistics',
  tabs: { center: 'Center figures', justice: 'Justice-bureau report', warnings: 'Warnings and classes', subsidies: 'Per-case subsidies' },
  period: { label: 'Period', month: 'Month', quarter: 'Quarter', year: 'Year', range: 'Custom', from: 'From', to: 'To', value: 'Period' },
  area: 'Area', all_areas: 'Whole scope', channel: 'Channel', all_channels: 'All channels',
  export: 'Export to Excel', exporting: 'Exporting… %{kb} KB received', exported: 'Exported %{kb} KB', print: 'Print',
  received: 'Cases received', by_channel: 'By channel', by_category: 'By category', by_area: 'By area', by_month: 'By month',
  rates: 'Rates', value: 'Value', numerator: 'Numerator', denominator: 'Denominator', none: '—',
  handling: 'Handling time', mean: 'Mean', p90: '90th percentile', closed: 'Closed', days: '%{n} days',
  source_resolved: 'Court, petition, police sources', transfers: 'Transfers and escalations', transfer: 'Transfer', escalation: 'Escalation', sent: 'Sent', acknowledged: 'Acknowledged', hours: 'Mean hours to acknowledge',
  mediators: 'Mediator load', open: 'Open', settled: 'Settled', failed: 'Failed',
  justice: {
    title: 'Statistics report of people’s mediation', category: 'Category', total: 'Total', cases: 'Cases', amount: 'Amount (yuan)', people: 'People',
    prevented_criminal: 'Kept from turning criminal', prevented_group: 'Kept from group petitions', confirmations_applied: 'Confirmations applied', confirmations_granted: 'Confirmations granted',
    committees: 'Mediation organizations', mediators: 'Mediators', cases_people: '%{cases} cases / %{people} people',
  },
  warnings: {
    state: 'State', kind: 'Kind', title: 'Warning', cases: 'Cases', owner: 'Owner', updated: 'Updated', actions: 'Actions',
    take: 'Take', handle: 'Handled', dismiss: 'Dismiss', reason: 'Reason or instructions', assign: 'Assign the class', supervise: 'Supervise the class (instructions above, 10 days)', grow: 'Cases joined', raise: 'Raised', mediator_id: 'Mediator id', history: 'History', view_cases: 'Show cases',
    empty: 'No warnings',
  },
  subsidy: {
    month: 'Month', close: 'Close the month', closed: 'Closed (%{at})', open: 'Open', lines: 'Cases', by_mediator: 'By mediator', by_organization: 'By organization',
    case_number: 'Case number', mediator: 'Mediator', organization: 'Organization', complexity: 'Complexity', result: 'Result', amount: 'Amount (yuan)', kind: 'Kind',
    regular: 'This month', correction: 'Correction', total: 'Total (yuan)', cases: 'Cases', confirm_close: 'Closing freezes this month; later changes go to next month as corrections. Close it?',
  },
  enums: {
    warning_state: { open: 'Open', handled: 'Handled', dismissed: 'Dismissed' },
    warning_kind: { class_area: 'Area class', class_respondent: 'Same respondent', high_risk: 'High risk', criminal_risk: 'Risk of turning criminal' },
    source: { application: 'Application', own_initiative: 'Own initiative', referral: 'Referral' },
    jb_result: { written: 'Settled, written', oral: 'Settled, oral', failed: 'Failed', pending: 'Pending' },
    complexity: { simple: 'Simple', ordinary: 'Ordinary', difficult: 'Difficult', major: 'Major' },
    result: { settled: 'Settled', failed: 'Failed' },
    stats_category: {
      marriage_family: 'Marriage and family', neighbourhood: 'Neighbours', homestead: 'Housing and homestead', contract: 'Contract', production: 'Production and business', damages: 'Damages',
      labour: 'Labour', wage_arrears: 'Unpaid wages', village_affairs: 'Village affairs', land: 'Land and forest', expropriation: 'Expropriation', environment: 'Pollution',
      traffic: 'Road traffic accidents', medical: 'Medical', property_management: 'Property management', consumer: 'Consumer', other: 'Other',
    },
  },
};
