// The analyst with a spreadsheet (issue #12): published records in, recovered withheld counts out.
// Attacks, applied until nothing new comes out (recovered cells are re-used):
//   labels     — a sub-state row carrying two or more labels (race, sex, age…) exists only if
//                someone with those labels was counted there;
//   state − agencies           — one withheld agency under a published state total;
//   total − subcategories      — one withheld category under a published agency total;
//   withheld rows vs the total — when the outputs say withheld cells are small counts (1–9)
//                and the withheld cells of a sum number as many as what the sum leaves, each is 1.
// Only the published records are used; the test compares what comes out with the store.

export interface PublishedRecord {
  channel: string;
  measure: string;
  place: string;
  /** The state a sub-state place lies in; null for a state or larger place. */
  state: string | null;
  period: number;
  dims: Record<string, string>;
  value: number | null;
  withheld: boolean;
  reason: string | null;
}

export interface Recovered {
  key: string;
  value: number;
  how: string;
}

/** The cell a record describes: measure, place, period and its labels. */
export const cellKey = (r: Pick<PublishedRecord, 'measure' | 'place' | 'period' | 'dims'>) =>
  `${r.measure}|${r.place}|${r.period}|${Object.entries(r.dims).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(',')}`;

export function attack(records: PublishedRecord[]): { recovered: Map<string, Recovered>; labelled: string[] } {
  const known = new Map<string, number>();
  const withheld = new Set<string>();
  // Does the output itself say a withheld cell is a small count (and nothing else)?
  let smallOnly = true;
  for (const r of records) {
    const k = cellKey(r);
    if (r.withheld) {
      withheld.add(k);
      if (!r.reason || /other cells|nor the/i.test(r.reason) || !/below|from 1/i.test(r.reason)) smallOnly = false;
    } else if (r.value !== null) known.set(k, r.value);
  }
  const labelled = records.filter((r) => r.state !== null && Object.keys(r.dims).length >= 2).map((r) => cellKey(r));
  const recovered = new Map<string, Recovered>();
  const sub = records.filter((r) => r.state !== null);
  // Sums an attacker can write down: (state, column) = Σ agencies; agency total = Σ its categories.
  const sums: { total: string; parts: string[]; how: string }[] = [];
  const byColumn = new Map<string, Set<string>>();
  const byAgency = new Map<string, Set<string>>();
  for (const r of sub) {
    const dimKeys = Object.keys(r.dims);
    if (dimKeys.length > 1) continue;
    const col = dimKeys.length ? `${dimKeys[0]}=${r.dims[dimKeys[0]!]}` : '';
    const ck = `${r.measure}|${r.state}|${r.period}|${col}`;
    (byColumn.get(ck) ?? byColumn.set(ck, new Set()).get(ck)!).add(cellKey(r));
    if (dimKeys.length === 1) {
      const ak = `${r.measure}|${r.place}|${r.period}|${dimKeys[0]}`;
      (byAgency.get(ak) ?? byAgency.set(ak, new Set()).get(ak)!).add(cellKey(r));
    }
  }
  for (const [ck, parts] of byColumn) {
    const [measure, state, period, col] = ck.split('|') as [string, string, string, string];
    const dims = col ? { [col.split('=')[0]!]: col.split('=').slice(1).join('=') } : {};
    sums.push({ total: cellKey({ measure, place: state, period: Number(period), dims }), parts: [...parts], how: 'state minus the shown agencies' });
  }
  for (const [ak, parts] of byAgency) {
    const [measure, place, period] = ak.split('|') as [string, string, string];
    sums.push({ total: cellKey({ measure, place, period: Number(period), dims: {} }), parts: [...parts], how: 'agency total minus the shown subcategories' });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of sums) {
      const total = known.get(s.total) ?? recovered.get(s.total)?.value;
      if (total === undefined) continue;
      const unknown = s.parts.filter((p) => withheld.has(p) && !recovered.has(p));
      if (unknown.length === 0) continue;
      const shown = s.parts.filter((p) => !unknown.includes(p)).reduce((a, p) => a + (known.get(p) ?? recovered.get(p)?.value ?? 0), 0);
      const rest = total - shown;
      if (unknown.length === 1) {
        recovered.set(unknown[0]!, { key: unknown[0]!, value: rest, how: s.how });
        changed = true;
      } else if (smallOnly && rest === unknown.length) {
        for (const p of unknown) recovered.set(p, { key: p, value: 1, how: 'withheld rows against the total' });
        changed = true;
      }
    }
  }
  return { recovered, labelled };
}
