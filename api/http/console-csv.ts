import type { Response } from 'express';

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV field. Quotes when needed, and neutralises cells a spreadsheet would run as a formula (a name
 * typed by a traveller as "=HYPERLINK(…)" must stay text when an admin opens the export).
 */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * Streams rows as a CSV download, waiting for the client to drain the socket before asking for more, so a
 * year of rows never sits in memory.
 */
export async function streamCsv<T>(
  res: Response,
  filename: string,
  header: readonly string[],
  rows: AsyncIterable<T> | Iterable<T>,
  toCells: (row: T) => readonly Cell[],
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.write(csvLine(header));
  let chunk = '';
  for await (const row of rows) {
    if (res.destroyed) return;
    chunk += csvLine(toCells(row));
    if (chunk.length >= 16_384) {
      const ok = res.write(chunk);
      chunk = '';
      if (!ok) await drained(res);
    }
  }
  res.end(chunk);
}

/** Resolves when the socket drains or closes, removing the other listener (a long export waits many times). */
function drained(res: Response): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
