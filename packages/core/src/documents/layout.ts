/**
 * The layout the forms share: A4 with the margins of official documents (GB/T 9704), the title
 * centred in 宋体 (小标宋-like, bold), body text in 仿宋 with two-character first-line indents,
 * headings in 黑体, bordered tables, signature lines and the committee's seal line.
 */
import { AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { zhDate } from './format';

export type Block = Paragraph | Table;

export const FONT_BODY = '仿宋';
export const FONT_TITLE = '宋体';
export const FONT_HEADING = '黑体';
/** Half-points: 三号 16pt for the committee line, 二号 22pt for titles, 四号 14pt body, 小四 12pt tables. */
const SIZE = { title: 44, committee: 32, body: 28, table: 24, small: 21 } as const;

/** Two characters of 四号 (14pt) in twips: the first-line indent of body text. */
const INDENT = 560;

export const PAGE = {
  size: { width: 11906, height: 16838 },
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
} as const;

const font = (name: string) => ({ eastAsia: name, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
const run = (text: string, o: { bold?: boolean; size?: number; face?: string; underline?: boolean } = {}) =>
  new TextRun({ text, bold: o.bold, size: o.size ?? SIZE.body, font: font(o.face ?? FONT_BODY), ...(o.underline ? { underline: {} } : {}) });

/** The committee's name above the title, the title, and the case number under it. */
export function header(committee: string, title: string, caseNumber?: string): Block[] {
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(committee, { size: SIZE.committee, face: FONT_TITLE })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(title, { bold: true, size: SIZE.title, face: FONT_TITLE })] }),
    ...(caseNumber ? [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [run(caseNumber)] })] : []),
  ];
}

/** A body paragraph, indented two characters, 1.5 lines. */
export const para = (text: string, o: { indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({ indent: o.indent === false ? undefined : { firstLine: INDENT }, spacing: { line: 360 }, children: [run(text, { bold: o.bold })] });

/** Several paragraphs from text with line breaks (minutes, terms). */
export const paras = (text: string) => text.split(/\r?\n/).filter((l) => l.trim()).map((l) => para(l.trim()));

/** `label：value` with the label bold. */
export const labelled = (label: string, value: string) =>
  new Paragraph({ spacing: { line: 360 }, indent: { firstLine: INDENT }, children: [run(`${label}：`, { bold: true }), run(value)] });

/** A section heading in 黑体 (一、纠纷主要事实). */
export const heading = (text: string) => new Paragraph({ spacing: { before: 120, line: 360 }, indent: { firstLine: INDENT }, children: [run(text, { face: FONT_HEADING })] });

export const blank = () => new Paragraph({ children: [run('')] });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const cell = (text: string, o: { bold?: boolean; span?: number; width?: number } = {}) =>
  new TableCell({
    columnSpan: o.span,
    borders,
    verticalAlign: VerticalAlign.CENTER,
    width: o.width ? { size: o.width, type: WidthType.PERCENTAGE } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    children: (text || ' ').split(/\r?\n/).map((line) => new Paragraph({ alignment: o.bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(line, { bold: o.bold, size: SIZE.table })] })),
  });

/**
 * A bordered form table. Each row is label/value pairs; a pair whose value should span the rest of
 * the row is given alone. Labels are bold and centred.
 */
export function formTable(rows: Array<Array<[string, string]>>): Table {
  const width = Math.max(...rows.map((r) => r.length)) * 2;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (pairs) =>
        new TableRow({
          children: pairs.flatMap(([label, value], i) => {
            const span = i === pairs.length - 1 ? width - pairs.length * 2 + 1 : 1;
            return [cell(label, { bold: true, width: 100 / width }), cell(value, { span: span > 1 ? span : undefined })];
          }),
        }),
    ),
  });
}

/** A table with a header row (目录, 回访). */
export function gridTable(head: string[], rows: string[][], widths?: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // Word and LibreOffice read the grid's widths (twips of the 16 cm text width), not only the cells'.
    columnWidths: widths?.map((w) => Math.round((w * (PAGE.size.width - PAGE.margin.left - PAGE.margin.right)) / 100)),
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { bold: true, width: widths?.[i] })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(v, { width: widths?.[i] })) })),
    ],
  });
}

/** Signature lines: `当事人（签名）：＿＿＿＿`, one per line, with room to sign. */
export const signatures = (labels: string[]) =>
  labels.map((l) => new Paragraph({ spacing: { before: 240, line: 360 }, indent: { left: 2800 }, children: [run(`${l}：`), run('　'.repeat(Math.max(4, 18 - l.length)), { underline: true })] }));

/** The committee's seal line and the date, right-aligned, as the forms end. */
export const sealAndDate = (committee: string, date: string | null, o: { seal?: boolean } = {}) => [
  new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, children: [run(o.seal === false ? committee : `${committee}（印章）`)] }),
  new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(date ? zhDate(date) : '　　　　年　　月　　日')] }),
];

/** A small note at the foot (legal basis, copies). */
export const note = (text: string) => new Paragraph({ spacing: { before: 240 }, children: [run(text, { size: SIZE.small })] });

/** A large centred line (the dossier's cover). */
export const coverTitle = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1800, after: 1200 }, children: [run(text, { bold: true, size: 72, face: FONT_TITLE })] });
