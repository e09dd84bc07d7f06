// Reading a list-overlap table: one column per list (0/1: was the case on that list?) and a
// last column with the number of cases with that capture history. The format SparseMSE and
// Rcapture use; a user's upload and the shared data files are read by the same strict parser.
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.ts';
import type { OverlapTable } from '../../methods/mse/model.ts';
import { MAX_TABLE_BYTES } from './source.ts';

/** More lists than this (the largest published table, New Orleans, has 8) make the bootstrap too slow for an interactive estimate. */
export const MAX_LISTS = 8;
export const COUNT_COLUMNS = ['count', 'n', 'frequency', 'freq', 'cases'];
const LIST_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$/;

/**
 * Parse and validate an overlap table. Every refusal names the file, the line (header = line 1)
 * and the column, so a person can find the problem.
 */
export function parseOverlapCsv(text: string, file = 'upload.csv'): OverlapTable {
  if (Buffer.byteLength(text, 'utf8') > MAX_TABLE_BYTES)
    throw new InputError(file, null, null, `the table is larger than ${MAX_TABLE_BYTES / 1024} KiB; an overlap table has at most ${2 ** MAX_LISTS - 1} rows`);
  if (text.trim() === '') throw new InputError(file, null, null, 'the table is empty');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(file, err.lines ?? null, null, `not a readable CSV table: ${err.message}`);
  }
  const header = records[0]?.record ?? [];
  if (header.length < 3)
    throw new InputError(file, 1, 'header', `expected at least two list columns and a count column (e.g. "A,B,count"), found ${header.length} column(s)`);
  const countName = header[header.length - 1]!;
  if (!COUNT_COLUMNS.includes(countName.toLowerCase()))
    throw new InputError(file, 1, countName, `the last column must hold the counts and be named one of ${COUNT_COLUMNS.join(', ')}; found "${countName}"`);
  const lists = header.slice(0, -1);
  if (lists.length > MAX_LISTS)
    throw new InputError(file, 1, 'header', `too many lists: ${lists.length} (at most ${MAX_LISTS}); merge the smallest lists first, as the published studies did`);
  const seen = new Set<string>();
  for (const name of lists) {
    if (!LIST_NAME.test(name)) throw new InputError(file, 1, name || '(blank)', 'a list name must be 1–40 letters, digits, spaces, "_", "." or "-", starting with a letter or digit');
    if (seen.has(name.toLowerCase())) throw new InputError(file, 1, name, `list "${name}" appears twice in the header`);
    seen.add(name.toLowerCase());
  }
  const rows: OverlapTable['rows'] = [];
  const lineOf = new Map<number, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length)
      throw new InputError(file, line, null, `row has ${record.length} fields; the header has ${header.length}`);
    let history = 0;
    lists.forEach((name, i) => {
      const v = record[i]!;
      if (v !== '0' && v !== '1') throw new InputError(file, line, name, `"${v}" is not 0 or 1 (1 = the cases in this row are on list ${name})`);
      if (v === '1') history |= 1 << i;
    });
    const raw = record[lists.length]!;
    if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new InputError(file, line, countName, `"${raw}" is not a count (a whole number of cases, 0 or more)`);
    const count = Number(raw);
    if (count < 0) throw new InputError(file, line, countName, `negative count ${raw}: a count of cases cannot be below 0`);
    if (!Number.isInteger(count)) throw new InputError(file, line, countName, `${raw} is not a whole number: counts of cases must be integers`);
    if (!Number.isSafeInteger(count) || count > 1e9) throw new InputError(file, line, countName, `count ${raw} is implausibly large`);
    if (history === 0)
      throw new InputError(file, line, null, 'a row with 0 on every list is the number never listed — the figure being estimated; leave it out');
    const earlier = lineOf.get(history);
    if (earlier !== undefined) throw new InputError(file, line, null, `this capture history already appears on line ${earlier}; give each combination of lists once`);
    lineOf.set(history, line);
    rows.push({ history, count });
  }
  if (rows.length === 0) throw new InputError(file, null, null, 'the table has a header but no rows');
  const table: OverlapTable = { lists, rows };
  // Lists that cannot inform an estimate: empty, or holding every case.
  const total = rows.reduce((s, r) => s + r.count, 0);
  if (total === 0) throw new InputError(file, null, countName, 'every count is 0: there is nothing to estimate from');
  lists.forEach((name, i) => {
    const onList = rows.reduce((s, r) => s + ((r.history >> i) & 1) * r.count, 0);
    if (onList === 0) throw new InputError(file, 1, name, `list ${name} holds no cases; remove it`);
    if (onList === total)
      throw new InputError(file, 1, name, `list ${name} holds every observed case, so the overlaps say nothing about cases missed by it; remove it or add the cases it missed`);
  });
  return table;
}

/** The table back as CSV rows (0/1 flags, count), for exports and the page. */
export function tableRows(t: OverlapTable): { flags: number[]; count: number }[] {
  return t.rows.map((r) => ({ flags: t.lists.map((_, i) => (r.history >> i) & 1), count: r.count }));
}
