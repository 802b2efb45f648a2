/**
 * Where a failed case may be referred (人民调解法 第26条: 仲裁、行政、司法等途径), and the routes
 * the law closes for a kind of dispute. Pure, keyed on the justice-statistics category, so a
 * deployment's own category inherits the rule of the statistics category it maps to.
 */
import { reason, type Reason } from './lifecycle';
import type { ReferRoute, StatsCategory } from './vocabulary';

/** Labour disputes, wage arrears included (劳动争议调解仲裁法 第2条 (四) 劳动报酬). */
const LABOUR: readonly string[] = ['labour', 'wage_arrears'];

/**
 * Why the law refuses this route for this kind of dispute, or null when it is open.
 * - Labour disputes go to arbitration before any court (劳动争议调解仲裁法 第5条; a party may apply
 *   once 15 days pass without agreement, 第14条): litigation is refused.
 * - Disputes over ownership or use of land go to the people's government first (土地管理法 第14条):
 *   litigation and arbitration are refused.
 * - Marriage, adoption, guardianship, support and succession cannot be arbitrated (仲裁法 第3条).
 */
export function referralRefusal(stats: StatsCategory | string, route: ReferRoute): Reason | null {
  if (LABOUR.includes(stats) && route === 'litigation') {
    return reason('CASE.ARBITRATION_FIRST', '劳动争议应当先申请劳动争议仲裁，不能直接引导诉讼（劳动争议调解仲裁法第5条、第14条）', 'A labour dispute goes to labour arbitration before any court (Labour Dispute Mediation and Arbitration Law arts. 5, 14)');
  }
  if (stats === 'land' && (route === 'litigation' || route === 'arbitration')) {
    return reason('CASE.GOVERNMENT_FIRST', '土地所有权和使用权争议协商不成的，由人民政府处理，应先引导行政处理（土地管理法第14条）', 'A dispute over land ownership or use goes to the people’s government first (Land Administration Law art. 14)');
  }
  if (stats === 'marriage_family' && route === 'arbitration') {
    return reason('CASE.NOT_ARBITRABLE', '婚姻、收养、监护、扶养、继承纠纷不能仲裁（仲裁法第3条）', 'Marriage, adoption, guardianship, support and succession disputes cannot be arbitrated (Arbitration Law art. 3)');
  }
  return null;
}
