import { Document, Packer } from 'docx';
import { availableDocuments, DocumentKind, DocumentOffer, DOCUMENT_TITLES, offerDate } from './catalog';
import type { DocumentData } from './document-data';
import { buildForm, FormKind } from './forms';
import { zhDate } from './format';
import { Block, coverTitle, formTable, gridTable, header, note, PAGE, FONT_BODY } from './layout';

const section = (children: Block[]) => ({ properties: { page: PAGE }, children });

const RESULT_ZH: Record<string, string> = {
  registered: '待受理', accepted: '已受理', rejected: '不予受理', assigned: '已分派', mediating: '调解中', suspended: '中止调解',
  settled: '调解成功', failed: '调解不成', closed: '已结案', archived: '已归档', withdrawn: '已撤回',
};

function cover(d: DocumentData): Block[] {
  const c = d.case;
  const result = d.agreement ? '调解成功' : d.failure ? '调解不成' : d.rejection ? '不予受理' : RESULT_ZH[c.status];
  return [
    ...header(d.committee, ''),
    coverTitle('人民调解卷宗'),
    formTable([
      [['案号', c.caseNumber]],
      [['纠纷名称', c.title]],
      [['纠纷类型', c.categoryLabel]],
      [['当事人', d.parties.map((p) => `${p.roleLabel}：${p.name}`).join('；')]],
      [['调解员', d.mediators.join('、') || '未指派']],
      [['受理日期', zhDate(c.acceptedOn)], ['结案日期', zhDate(c.closedOn)]],
      [['调解结果', result]],
      [['立卷日期', zhDate(d.generatedOn)], ['保管期限', '长期']],
    ]),
    note('依据：《中华人民共和国人民调解法》第二十七条：人民调解委员会应当建立调解工作档案，将调解登记、调解工作记录、调解协议书等材料立卷归档。'),
  ];
}

function index(d: DocumentData, papers: DocumentOffer[]): Block[] {
  const rows = papers.map((p, i) => [String(i + 1), p.title, offerDate(p), '文书']);
  const attachments = d.attachments.map((a, i) => [
    String(papers.length + i + 1),
    `${a.fileName}（${a.categoryLabel}${a.supersedesId ? '，更正版本' : ''}）`,
    zhDate(a.uploadedOn),
    `附件 SHA-256 ${a.sha256.slice(0, 12)}…`,
  ]);
  return [...header(d.committee, '卷内目录', d.case.caseNumber), gridTable(['序号', '材料名称', '日期', '备注'], [...rows, ...attachments], [8, 50, 24, 18])];
}

/** One paper as DOCX bytes: a form, or the whole dossier (cover, index, every paper in order). */
export async function renderDocument(kind: DocumentKind, d: DocumentData, sessionId?: number): Promise<Buffer> {
  const sections =
    kind === 'dossier'
      ? (() => {
          const papers = availableDocuments(d).filter((o) => o.kind !== 'dossier');
          return [
            section(cover(d)),
            section(index(d, papers)),
            ...papers.map((p) => section(buildForm(p.kind as FormKind, d, p.sessionId ?? undefined))),
          ];
        })()
      : [section(buildForm(kind, d, sessionId))];
  const doc = new Document({
    creator: d.committee,
    title: `${d.case.caseNumber}${DOCUMENT_TITLES[kind]}`,
    description: DOCUMENT_TITLES[kind],
    styles: { default: { document: { run: { font: { eastAsia: FONT_BODY, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: 28 } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}
