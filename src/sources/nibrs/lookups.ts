// The code tables shipped inside each bundle. Codes are always decoded with the bundle's own
// tables (ids differ between eras, e.g. REF_RACE before 2021), never with a table built in here.
import { InputError } from '../errors.ts';
import type { Bundle } from './bundle.ts';
import { scanCsv } from './scan.ts';
import { SIZE_CAPS } from '../limits.ts';
import { checkColumns } from './columns.ts';

/** Encodings of tables that are not UTF-8 (the FBI's own load script says so). */
export const TABLE_ENCODINGS: Record<string, string> = { nibrs_bias_list: 'windows-1251' };

export interface LookupRow {
  line: number;
  get(field: string): string;
}

export interface Lookup {
  file: string;
  header: string[];
  rows: LookupRow[];
}

/** Read a small table whole (lookups and agencies only), values trimmed, `NA` kept as text. */
export async function readLookup(bundle: Bundle, key: string, required: string[], why: string): Promise<Lookup> {
  const t = bundle.tables.get(key);
  if (!t) throw new InputError(`${bundle.display}${bundle.kind === 'zip' ? ':' : '/'}${key.toUpperCase()}.csv`, null, null, `lookup table missing from the bundle: ${why}`);
  // Read whole into memory, so capped (the official tables are far smaller).
  if (t.bytes > SIZE_CAPS.nibrsLookup) throw new InputError(t.display, null, null, `table is ${t.bytes} bytes, above the ${SIZE_CAPS.nibrsLookup} limit for a lookup or agency table; refused`);
  const rows: LookupRow[] = [];
  let header: string[] = [];
  const encoding = TABLE_ENCODINGS[key] ?? 'utf-8';
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding);
  await scanCsv(t.open(), {
    file: t.display,
    encoding,
    requireFinalNewline: true,
    onHeader(h) {
      checkColumns(key, h, t.display);
      header = h;
      for (const f of required) {
        if (!h.includes(f)) throw new InputError(t.display, 1, f, `column "${f}" missing from the header (${h.join(',')})`);
      }
      const idx = new Map(h.map((name, i) => [name, i]));
      return (r) => {
        // Fields are decoded when asked for (the agencies table has ~60 columns; a few are read).
        // The row's bytes stay valid: every chunk is a fresh buffer, never written again.
        const buf = r.buf;
        const start = r.start.slice(0, h.length);
        const end = r.end.slice(0, h.length);
        const line = r.line;
        const vals: (string | undefined)[] = [];
        rows.push({
          line,
          get(field: string) {
            const i = idx.get(field);
            if (i === undefined) throw new InputError(t.display, line, field, `no column "${field}"`);
            let v = vals[i];
            if (v === undefined) {
              v = (decoder ? decoder.decode(buf.subarray(start[i]!, end[i]!)) : buf.toString('utf8', start[i]!, end[i]!)).trim();
              vals[i] = v;
            }
            return v;
          },
        });
      };
    },
  });
  return { file: t.display, header, rows };
}

/** id → label map from a lookup table; duplicate ids are an error. */
export function idMap(l: Lookup, idField: string, labelField: string): Map<number, string> {
  const m = new Map<number, string>();
  for (const r of l.rows) {
    const raw = r.get(idField);
    if (!/^\d+$/.test(raw)) throw new InputError(l.file, r.line, idField, `"${raw}" is not a numeric id`);
    const id = Number(raw);
    if (m.has(id)) throw new InputError(l.file, r.line, idField, `duplicate id ${id}`);
    m.set(id, r.get(labelField));
  }
  return m;
}
