/**
 * Excel downloads, streamed: exceljs's `stream.xlsx.WorkbookWriter` writes each row as it comes
 * and commits it, so an export of any length holds one page of rows, not the workbook. Every
 * workbook has its data sheets and a second sheet with the definitions (说明).
 */
import { PassThrough } from 'node:stream';
import type * as ExcelJSModule from 'exceljs';
import type { Context } from 'koa';
import type { Logger } from 'pino';

export interface Column {
  header: string;
  key: string;
  width?: number;
}

/** A sheet: its columns and its rows, a page (array) at a time. */
export interface SheetSpec {
  name: string;
  columns: Column[];
  pages: AsyncIterable<object[]> | Iterable<object[]>;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** An instant as China wall-clock time, `YYYY-MM-DD HH:mm`. */
export const chinaDateTime = (d: Date | string | null | undefined) => (d ? new Date(new Date(d).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : '');

/**
 * exceljs is loaded on the first download, not at start: it adds about 15 MiB to the resident set
 * (7 MiB of heap) of a process that may never export (measured: docs/performance.md, "Memory").
 */
let excel: Promise<typeof ExcelJSModule> | undefined;
const loadExcel = () => (excel ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJSModule }).default ?? m) as typeof ExcelJSModule));

/** Above this many bytes waiting for the client, the writer waits: a slow download does not pile up in memory. */
const HIGH_WATER = 1 << 20;

/**
 * Answer with an .xlsx built from the sheets, streamed (no Content-Length). The first page of
 * every sheet is read before the answer starts, so a bad filter is still a 400; an error later
 * cuts the download short and is logged.
 */
export async function sendWorkbook(ctx: Context, filename: string, sheets: SheetSpec[], log: Logger): Promise<void> {
  const ExcelJS = await loadExcel();
  const primed = await Promise.all(
    sheets.map(async (s) => {
      const it = (Symbol.asyncIterator in s.pages ? (s.pages as AsyncIterable<object[]>)[Symbol.asyncIterator]() : (s.pages as Iterable<object[]>)[Symbol.iterator]()) as AsyncIterator<object[]> | Iterator<object[]>;
      return { spec: s, it, first: await it.next() };
    }),
  );
  const out = new PassThrough();
  ctx.status = 200;
  ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  ctx.set('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = out;
  const write = async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    for (const { spec, it, first } of primed) {
      const ws = wb.addWorksheet(spec.name);
      ws.columns = spec.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
      let page = first;
      while (!page.done) {
        for (const row of page.value) ws.addRow(row).commit();
        while (out.readableLength > HIGH_WATER && !out.destroyed) await new Promise((r) => out.once('drain', r).once('close', r).once('data', r));
        if (out.destroyed) return;
        page = await it.next();
      }
      ws.commit();
    }
    await wb.commit();
  };
  write().catch((e) => {
    log.error({ err: e, requestId: ctx.state.requestId }, 'xlsx export failed');
    out.destroy(e as Error);
  });
}
