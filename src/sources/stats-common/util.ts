// Small helpers shared by the statistical-table importers (FBI UCR, Census, Walk Free, grants).
import { existsSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.ts';
import { readCsv, readTextCapped, type CsvFile, type CsvOptions, type CsvRow } from '../csv.ts';
import { currentYear } from '../clock.ts';
import { joinInside } from '../confine.ts';
import type { SourceDescription, SourceSpec } from '../importer.ts';

/** A non-negative whole number, or an InputError naming file, line and field. */
export function parseCount(row: CsvRow, field: string, file: string, opts: { blank?: 'zero' | 'null' | 'error' } = {}): number | null {
  const raw = row.get(field).trim();
  if (raw === '' || raw === 'NA') {
    const blank = opts.blank ?? 'error';
    if (blank === 'zero') return 0;
    if (blank === 'null') return null;
    throw new InputError(file, row.line, field, 'value is missing; expected a whole number');
  }
  if (!/^\d+(\.0+)?$/.test(raw)) throw new InputError(file, row.line, field, `"${raw}" is not a non-negative whole number`);
  return Number(raw);
}

/** A finite number (decimals allowed), or an InputError naming file, line and field. */
export function parseNumber(row: CsvRow, field: string, file: string, opts: { blank?: 'null' | 'error' } = {}): number | null {
  const raw = row.get(field).trim();
  if (raw === '' || raw === 'NA') {
    if ((opts.blank ?? 'error') === 'null') return null;
    throw new InputError(file, row.line, field, 'value is missing; expected a number');
  }
  const n = Number(raw);
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw) || !Number.isFinite(n)) throw new InputError(file, row.line, field, `"${raw}" is not a number`);
  return n;
}

/** A four-digit year in the given range; a year after the current one (by the injected clock) is refused too. */
export function parseYear(row: CsvRow, field: string, file: string, min: number, max: number): number {
  const raw = row.get(field).trim();
  if (!/^\d{4}$/.test(raw)) throw new InputError(file, row.line, field, `"${raw}" is not a four-digit year`);
  const y = Number(raw);
  if (y > currentYear()) throw new InputError(file, row.line, field, `year ${y} is in the future (the current year is ${currentYear()})`);
  if (y < min || y > max) throw new InputError(file, row.line, field, `year ${y} is outside the file's documented range ${min}–${max}`);
  return y;
}

/**
 * A data directory of hand-made fixtures carries this marker file at its root. Fixtures are
 * deliberately small, so the publisher's stated totals and record counts are not checked against
 * them (a caveat on each such source says so); everything else is validated the same way.
 */
export const FIXTURE_MARKER = 'FIXTURE-DATA.md';

export function isFixtureData(dataDir: string): boolean {
  return existsSync(joinInside(dataDir, FIXTURE_MARKER));
}

export const FIXTURE_CAVEAT = 'Loaded from hand-made fixture data (not the publisher’s file): the publisher’s stated totals and record counts were not checked, and these figures are not statistics.';

/**
 * Check a figure the publisher states (a record count, a yearly total) against what the file
 * holds; a mismatch means rows were dropped, duplicated or altered, and the load is refused.
 */
export function checkStated(file: string, field: string | null, what: string, stated: number, found: number): void {
  if (stated !== found) {
    throw new InputError(file, null, field, `${what}: the publisher states ${stated.toLocaleString('en-US')}, the file gives ${found.toLocaleString('en-US')}; rows were dropped, duplicated or altered`);
  }
}

/** A spec for each listed file (relative to the data directory) that exists. */
export function specIfPresent(dataDir: string, description: SourceDescription, relFiles: string[], opts: { requireAll?: boolean } = {}): SourceSpec[] {
  const abs = relFiles.map((f) => joinInside(dataDir, f));
  const present = abs.filter((f) => existsSync(f));
  if (present.length === 0) return [];
  if (opts.requireAll && present.length !== abs.length) {
    const missing = relFiles.filter((_, i) => !existsSync(abs[i]!));
    throw new InputError(missing[0]!, null, null, `file is missing; the source ${description.id} needs all of: ${relFiles.join(', ')}`);
  }
  return [{ description, files: present }];
}

/**
 * Read a CSV whose header must contain `required` (in any position) and may carry other columns,
 * for official files whose column set varies by release. Returns the file as readCsv does.
 */
export async function readCsvFlexible(
  path: string,
  displayName: string,
  check: (header: string[]) => string | null,
  opts: CsvOptions = {},
): Promise<CsvFile> {
  const { text } = await readTextCapped(path, displayName, opts.cap);
  const nl = text.indexOf('\n');
  const firstLine = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  let header: string[];
  try {
    header = (parse(firstLine, { bom: true }) as string[][])[0] ?? [];
  } catch (e) {
    throw new InputError(displayName, 1, 'header', `header row cannot be parsed: ${(e as Error).message}`);
  }
  const problem = check(header);
  if (problem) throw new InputError(displayName, 1, 'header', `header does not match the expected format: ${problem}`);
  return readCsv(path, displayName, header, opts);
}

/** "missing "A", "B"" for required columns absent from a header, or null. */
export function missingColumns(header: string[], required: string[]): string | null {
  const missing = required.filter((r) => !header.includes(r));
  return missing.length ? `missing ${missing.map((m) => `"${m}"`).join(', ')}` : null;
}
