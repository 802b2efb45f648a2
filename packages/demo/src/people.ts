/**
 * Fictional people and companies for the demo: Chinese names, resident ID numbers with a valid
 * check digit (GB 11643), mobile numbers, unified social credit codes with a valid check
 * character (GB 32100). None of them belongs to a real person.
 */
import { idCheckChar } from '@tiaojie/core';
import { Rng } from './random';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤'];
const MALE = ['建国', '志强', '国庆', '海军', '永刚', '德明', '卫东', '文杰', '俊峰', '建华', '振华', '立新', '家豪', '宇航', '子轩', '浩然', '明亮', '春生', '长江', '红兵', '晓东', '鹏飞', '世杰', '金山', '满仓', '保国', '胜利', '学军', '庆丰', '天佑'];
const FEMALE = ['桂兰', '秀英', '玉珍', '淑芬', '丽娟', '海燕', '春梅', '晓燕', '美玲', '雪梅', '婷婷', '静怡', '欣怡', '梓涵', '佳琪', '红霞', '翠花', '凤英', '金凤', '彩霞', '丽萍', '慧敏', '秋菊', '月娥', '小红', '艳芳', '素珍', '晓丽', '雨欣', '思琪'];

export interface Person {
  name: string;
  idNumber: string;
  phone: string;
  male: boolean;
  birthYear: number;
}

/** A resident ID number: region, birth date, sequence (odd for men), check character. */
export function idNumberFor(region: string, birth: { y: number; m: number; d: number }, seq: number, male: boolean): string {
  const s = (seq % 500) * 2 + (male ? 1 : 0);
  const first17 = `${region}${birth.y}${String(birth.m).padStart(2, '0')}${String(birth.d).padStart(2, '0')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '176', '177', '180', '182', '183', '185', '186', '187', '188', '189', '191', '199'];

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Makes people without repeating an ID number. */
export class PersonFactory {
  private seq = 0;
  private readonly used = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly regions: readonly string[],
  ) {}

  person(opts: { male?: boolean; minAge?: number; maxAge?: number; year?: number } = {}): Person {
    const r = this.rng;
    const male = opts.male ?? r.chance(0.55);
    const year = opts.year ?? 2026;
    const birthYear = year - r.int(opts.minAge ?? 20, opts.maxAge ?? 72);
    for (;;) {
      const idNumber = idNumberFor(r.pick(this.regions), { y: birthYear, m: r.int(1, 12), d: r.int(1, 28) }, ++this.seq + r.int(0, 40), male);
      if (this.used.has(idNumber)) continue;
      this.used.add(idNumber);
      const name = r.pick(SURNAMES) + r.pick(male ? MALE : FEMALE);
      return { name, idNumber, phone: mobile(r), male, birthYear };
    }
  }
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (统一社会信用代码) of an enterprise registered in the region. */
export function creditCode(rng: Rng, region: string): string {
  let body = `91${region}`;
  while (body.length < 17) body += CREDIT_CHARS[rng.int(0, body.length < 16 ? 30 : 9)];
  const sum = [...body].reduce((s, ch, i) => s + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i], 0);
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

export const personalNames = { SURNAMES, MALE, FEMALE };
