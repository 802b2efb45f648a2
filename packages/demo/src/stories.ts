/**
 * What the demo disputes are about: per category, titles, descriptions and the text of the
 * agreement that settles them. `{A}` is the applicant, `{B}` the respondent, `{P}` the place,
 * `{M}` the amount in yuan.
 */
import type { Category } from '@tiaojie/core';

export interface Story {
  title: string;
  description: string;
  facts: string;
  disputes: string;
  responsibilities: string;
  terms: string;
  method: string;
  /** Amount range in yuan (0: no money at stake). */
  amount: [number, number];
  /** The respondent is an organization of this kind (its name is made up from the place). */
  company?: string;
}

export const STORIES: Record<Category, Story[]> = {
  marriage_family: [
    {
      title: '{A}与{B}离婚后子女抚养费纠纷',
      description: '{A}与{B}于三年前协议离婚，婚生子随{A}生活，{B}每月应支付抚养费。近半年{B}以收入减少为由未按时支付，{A}多次催要无果，申请调解。',
      facts: '双方离婚协议约定{B}每月支付抚养费1500元，自今年起{B}累计拖欠{M}元。',
      disputes: '拖欠抚养费的数额及今后支付方式。',
      responsibilities: '{B}未按离婚协议履行支付义务，应承担补足责任；{A}同意适当分期。',
      terms: '{B}于协议签订之日起三十日内补付拖欠的抚养费{M}元，此后每月十日前支付当月抚养费1500元至{A}银行账户。',
      method: '银行转账',
      amount: [3000, 12000],
    },
    {
      title: '{A}与{B}赡养老人纠纷',
      description: '{P}村民{A}年逾七旬，与儿子{B}因赡养费和居住问题产生矛盾，老人情绪激动，网格员上门了解后报送。',
      facts: '{A}有子女三人，{B}为长子，近两年未支付赡养费，老人独居且患有慢性病。',
      disputes: '赡养费分担比例及老人居住、看护安排。',
      responsibilities: '子女均负有赡养义务，{B}应按约定承担赡养费并轮流照料。',
      terms: '{B}自本月起每月支付赡养费{M}元，并与其他子女按月轮流照料老人；老人医疗费用由子女平均分担。',
      method: '每月现金交付，村委会见证',
      amount: [500, 1500],
    },
  ],
  neighbourhood: [
    {
      title: '{A}与{B}宅基地边界及排水纠纷',
      description: '{P}村民{A}与邻居{B}因院墙排水方向发生争执，雨季污水流入{A}院内，双方多次口角，有肢体冲突苗头。',
      facts: '{B}翻建房屋时将排水管改向{A}一侧，造成{A}院墙受潮、墙皮脱落。',
      disputes: '排水管改造及院墙修复费用由谁承担。',
      responsibilities: '{B}改变排水方向未与邻居协商，负主要责任；{A}对冲突升级负次要责任。',
      terms: '{B}于十五日内将排水管改回原方向，并赔偿{A}院墙修复费用{M}元；双方今后友好相处，不得再起争执。',
      method: '现金一次性支付，调解员见证',
      amount: [800, 5000],
    },
    {
      title: '{A}与{B}楼上漏水纠纷',
      description: '{P}居民{A}家卫生间天花板持续渗水，认为系楼上{B}家防水层破损所致，多次沟通未果，双方情绪对立。',
      facts: '经物业及专业人员查看，渗水系{B}家卫生间防水层老化所致。',
      disputes: '防水维修责任及{A}家装修损失的赔偿数额。',
      responsibilities: '{B}作为上层业主负有维修义务，应承担维修费用并赔偿损失。',
      terms: '{B}于二十日内完成卫生间防水维修，并赔偿{A}装修损失{M}元。',
      method: '维修由{B}自行组织；赔偿款微信转账',
      amount: [1500, 8000],
    },
  ],
  contract: [
    {
      title: '{A}诉{B}买卖合同货款纠纷（诉前调解）',
      description: '{A}向{B}供应建筑材料，{B}尚欠货款{M}元未付，{A}向法院起诉，法院委派诉前调解。',
      facts: '双方签订建材买卖合同，{A}已按约供货，{B}出具欠条确认欠款{M}元。',
      disputes: '欠款数额、支付期限及逾期利息。',
      responsibilities: '{B}未按期付款构成违约，应支付货款；{A}同意免除部分利息。',
      terms: '{B}分两期支付货款共计{M}元：协议签订后十日内支付一半，余款于六十日内付清；{A}放弃逾期利息。',
      method: '银行转账至{A}账户',
      amount: [20000, 300000],
    },
    {
      title: '{A}与{B}房屋租赁合同纠纷',
      description: '{A}租赁{B}门面房经营，租期未满{B}要求提前收回，双方就押金和装修损失发生争议。',
      facts: '租赁合同约定租期三年，尚余一年，{B}因房屋出售要求{A}搬离。',
      disputes: '提前解约的违约金、押金退还及装修残值补偿。',
      responsibilities: '{B}提前解约应承担违约责任；{A}同意配合搬离。',
      terms: '{A}于三十日内搬离；{B}退还押金并补偿装修损失，合计{M}元，于{A}搬离当日付清。',
      method: '现金与银行转账结合',
      amount: [10000, 80000],
    },
  ],
  labour: [
    {
      title: '{A}追索劳动报酬纠纷',
      description: '{A}在{B}务工，完工后被拖欠工资{M}元，多次讨要未果，情绪激动，扬言要上访。',
      facts: '{A}于今年在{B}承建项目从事木工，工期五个月，{B}尚欠工资{M}元，有考勤记录为证。',
      disputes: '拖欠工资数额及支付期限。',
      responsibilities: '{B}拖欠劳动报酬，应立即支付；{A}应通过合法途径维权。',
      terms: '{B}于十日内一次性支付{A}工资{M}元。',
      method: '银行转账至{A}工资卡',
      amount: [6000, 45000],
      company: '建筑劳务有限公司',
    },
    {
      title: '{A}与{B}工伤待遇纠纷',
      description: '{A}在{B}工作期间受伤，已认定工伤，双方就一次性伤残补助金和停工留薪期工资发生争议。',
      facts: '{A}经鉴定为十级伤残，{B}未为其缴纳工伤保险。',
      disputes: '工伤待遇各项目的计算标准和总额。',
      responsibilities: '{B}未缴纳工伤保险，应按工伤保险条例标准承担工伤待遇。',
      terms: '{B}一次性支付{A}各项工伤待遇共计{M}元，双方劳动关系解除，再无其他争议。',
      method: '银行转账，分两期于三十日内付清',
      amount: [30000, 120000],
      company: '机械制造有限公司',
    },
  ],
  property_management: [
    {
      title: '{P}业主{A}与{B}物业费纠纷',
      description: '业主{A}以电梯经常故障、小区卫生差为由拒交物业费两年，{B}多次催缴，双方矛盾激化。',
      facts: '{A}欠缴物业费{M}元；电梯维保记录显示去年故障十余次。',
      disputes: '物业服务质量是否达标、欠费是否减免。',
      responsibilities: '物业公司服务存在瑕疵，应整改；业主应依约交纳物业费。',
      terms: '{B}于三十日内完成电梯大修并公示维保记录；{A}补交物业费{M}元（已减免百分之十五）。',
      method: '补交款于协议签订后十五日内交至物业服务中心',
      amount: [1500, 6000],
      company: '物业服务有限公司',
    },
  ],
  traffic: [
    {
      title: '{A}与{B}机动车交通事故责任纠纷',
      description: '{B}驾驶小型轿车与{A}驾驶的电动自行车相撞，{A}受伤住院，交警认定{B}负主要责任，双方就赔偿协商不成。',
      facts: '事故经交警大队认定{B}负主要责任，{A}负次要责任；{A}住院十五天，医疗费已由{B}垫付部分。',
      disputes: '误工费、护理费及车辆损失的计算。',
      responsibilities: '{B}负事故主要责任，承担百分之七十赔偿责任；{A}负次要责任。',
      terms: '除保险公司理赔部分外，{B}另行赔偿{A}各项损失共计{M}元，本次事故就此了结。',
      method: '协议签订当日银行转账',
      amount: [5000, 60000],
    },
  ],
  medical: [
    {
      title: '患者家属{A}与{B}医疗损害纠纷',
      description: '{A}之母在{B}接受手术后出现并发症，家属认为存在过错，在医院聚集讨要说法。',
      facts: '经医疗纠纷人民调解委员会组织专家咨询，医院在术后观察环节存在一定不足。',
      disputes: '医院是否存在过错及赔偿数额。',
      responsibilities: '{B}术后观察不够及时，承担次要责任；患者自身基础疾病为主要原因。',
      terms: '{B}一次性补偿{A}家属{M}元，家属不再以任何方式到医院聚集。',
      method: '医院财务转账至家属账户',
      amount: [20000, 150000],
      company: '医院',
    },
  ],
  land: [
    {
      title: '{A}与{B}承包地边界纠纷',
      description: '{P}村民{A}与{B}因相邻承包地边界争执，{B}越界种植果树，双方多次争吵。',
      facts: '经对照确权登记图，{B}越界约0.3亩。',
      disputes: '地界的确定及越界果树的处理。',
      responsibilities: '{B}越界种植应恢复原状；{A}同意给予移栽期限。',
      terms: '双方按确权登记图重新埋设界桩；{B}于今冬前移除越界果树，并补偿{A}{M}元。',
      method: '村委会现场见证，现金支付',
      amount: [500, 3000],
    },
  ],
  expropriation: [
    {
      title: '{A}等人房屋征收补偿纠纷',
      description: '{P}旧城改造项目中，被征收人{A}等对评估价格有异议，多次到县信访局反映。',
      facts: '项目评估价每平方米4200元，{A}认为周边新房价格较高，补偿偏低。',
      disputes: '评估价格是否合理，附属设施和搬迁费用如何补偿。',
      responsibilities: '征收实施单位应复核评估并说明依据；被征收人应配合征收工作。',
      terms: '复核后对附属设施补偿{M}元，并给予搬迁奖励；{A}于签约后三十日内腾空房屋。',
      method: '补偿款由征收实施单位在腾房验收后七日内支付',
      amount: [30000, 200000],
    },
  ],
  consumer: [
    {
      title: '{A}与{B}预付卡消费纠纷',
      description: '{A}在{B}办理美容预付卡，商家突然停业，{A}等多名消费者要求退款，经12345热线转来。',
      facts: '{A}预付卡余额{M}元，商家已停业一个月。',
      disputes: '余额退还方式及期限。',
      responsibilities: '{B}停业未履行服务合同，应退还余额。',
      terms: '{B}于十五日内退还{A}预付卡余额{M}元。',
      method: '原路退回',
      amount: [800, 6000],
      company: '美容美发店',
    },
    {
      title: '{A}与{B}汽车维修质量纠纷',
      description: '{A}在{B}维修车辆后故障反复出现，要求退还维修费并赔偿损失。',
      facts: '维修后一周内同一故障复发两次，经第三方检测系更换配件质量问题。',
      disputes: '维修费退还及误工损失赔偿。',
      responsibilities: '{B}所换配件不合格，应承担返修及赔偿责任。',
      terms: '{B}免费重新维修并退还维修费、赔偿交通费共计{M}元。',
      method: '现场现金支付',
      amount: [1000, 9000],
      company: '汽车维修服务部',
    },
  ],
  damages: [
    {
      title: '{A}与{B}人身损害赔偿纠纷',
      description: '{A}与{B}因琐事发生口角后互殴，{A}受轻微伤，派出所出警后引导双方调解。',
      facts: '{B}先动手致{A}面部软组织挫伤，医疗费用已发生{M}元。',
      disputes: '医疗费、误工费的赔偿数额。',
      responsibilities: '{B}先动手负主要责任；{A}言语挑衅负次要责任。',
      terms: '{B}向{A}赔礼道歉，并赔偿医疗费、误工费共计{M}元；双方不再追究。',
      method: '派出所调解室现场支付',
      amount: [800, 8000],
    },
    {
      title: '{A}与{B}饲养动物损害责任纠纷',
      description: '{A}被{B}饲养的犬只咬伤，接种狂犬疫苗等花费，向{B}索赔遭拒。',
      facts: '{B}遛狗未拴绳，犬只咬伤{A}小腿。',
      disputes: '赔偿项目和金额。',
      responsibilities: '{B}未采取安全措施，应承担全部赔偿责任。',
      terms: '{B}赔偿{A}医疗费、误工费共计{M}元，并保证今后文明养犬。',
      method: '微信转账',
      amount: [1500, 6000],
    },
  ],
  other: [
    {
      title: '{A}与{B}民间借贷纠纷',
      description: '{A}借给{B}{M}元，约定一年归还，到期后{B}以生意亏损为由拖延。',
      facts: '{B}出具借条，借款{M}元，已逾期半年。',
      disputes: '还款计划及利息。',
      responsibilities: '{B}应按约还款；{A}同意分期并免除逾期利息。',
      terms: '{B}分三期归还借款{M}元，每月二十日前还款三分之一。',
      method: '银行转账',
      amount: [5000, 80000],
    },
  ],
};

/** Replace the placeholders of a story text. */
export const fill = (text: string, v: { A: string; B: string; P: string; M: number }) =>
  text.replace(/\{A\}/g, v.A).replace(/\{B\}/g, v.B).replace(/\{P\}/g, v.P).replace(/\{M\}/g, v.M.toLocaleString('zh-CN'));

/** Which categories arrive through which channel, and how often (weights). */
export const CHANNEL_CATEGORIES: Record<string, Partial<Record<Category, number>>> = {
  court: { contract: 5, marriage_family: 3, traffic: 3, damages: 2, labour: 2, neighbourhood: 1, other: 3 },
  procuratorate: { damages: 4, neighbourhood: 2, traffic: 1 },
  police: { neighbourhood: 4, damages: 4, marriage_family: 2, consumer: 1 },
  traffic_police: { traffic: 1 },
  government: { labour: 4, property_management: 3, consumer: 3, land: 1, expropriation: 1 },
  petition: { expropriation: 3, land: 2, labour: 2, property_management: 1, other: 1 },
  walk_in: { neighbourhood: 3, marriage_family: 3, contract: 2, labour: 2, medical: 1, consumer: 1, land: 1, damages: 1, other: 1 },
  hotline: { property_management: 3, consumer: 3, neighbourhood: 2, labour: 2 },
  grid: { neighbourhood: 4, land: 2, marriage_family: 2, property_management: 1, other: 1 },
};

export const SESSION_OUTCOMES = ['双方陈述事实，初步了解诉求', '释法明理，双方分歧缩小', '背靠背调解，双方就金额基本达成一致', '邀请村两委成员参与，情绪平复', '双方各执己见，约定下次再谈'];
export const FAIL_REASONS = ['双方对赔偿数额分歧过大，经多次调解未能达成一致', '被申请人拒不到场，调解无法进行', '申请人坚持通过诉讼解决'];
export const SUSPEND_REASONS = ['当事人住院治疗，暂无法参加调解', '等待伤残等级鉴定结论', '当事人外出务工，春节后返乡'];
