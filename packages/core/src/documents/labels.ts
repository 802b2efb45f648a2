/**
 * The Chinese words the printed forms use for the domain's codes. Core keeps no other labels
 * (the admin's i18n files hold the screen's): these are part of the documents' text.
 */
export const CATEGORY_ZH: Record<string, string> = {
  marriage_family: '婚姻家庭纠纷', neighbourhood: '邻里纠纷', contract: '合同纠纷', labour: '劳动争议', property_management: '物业纠纷', traffic: '道路交通事故纠纷',
  medical: '医疗纠纷', land: '土地山林纠纷', expropriation: '征地拆迁纠纷', consumer: '消费纠纷', damages: '损害赔偿纠纷', other: '其他纠纷',
};
export const CHANNEL_ZH: Record<string, string> = {
  court: '法院委派（诉调对接）', procuratorate: '检调对接', police: '公调对接', government: '政调对接', petition: '访调对接', walk_in: '当事人申请', hotline: '热线', grid: '网格上报',
};
export const SEX_ZH: Record<string, string> = { male: '男', female: '女' };
export const PARTY_ROLE_ZH: Record<string, string> = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' };
export const CONFIRMATION_ZH: Record<string, string> = { applied: '已申请', confirmed: '已确认有效', rejected: '驳回申请' };
export const PERFORMANCE_ZH: Record<string, string> = { performed: '已履行', partly: '部分履行', not_performed: '未履行' };
export const SATISFACTION_ZH: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };
export const FOLLOW_UP_METHOD_ZH: Record<string, string> = { phone: '电话回访', visit: '上门回访', message: '短信/微信回访' };
export const ATTACHMENT_CATEGORY_ZH: Record<string, string> = { evidence: '证据材料', signed_scan: '签字文书扫描件', id_document: '身份证明', court_paper: '法院文书', other: '其他材料' };
