// Primary and complementary suppression of one sub-state table (units × total [× categories]).
//
// Method: sdcTable's SIMPLEHEURISTIC (Meindl) — constraint-driven complementary suppression that
// solves the attacker's problem for every primary cell and adds suppressions until none can be
// narrowed below its protection interval — with the partners chosen as in the hypercube method
// (Repsilber; Giessing & Repsilber): in a two-way table a primary cell is protected by the
// smallest "rectangle" of cells (its row, its column, one other unit, one other column) whose
// corners can absorb the change, preferring rectangles that add few cells and little value.
//
// Protection interval rule (the requirement every primary cell must meet): from everything
// published, a withheld count v must remain feasible down to 0 (no one can tell that anyone was
// counted) and up to min(threshold, B), where B is the largest value the published state-level
// margins allow the cell (no one can tell the count is below the threshold, unless the state
// total itself already says so). In a state with a single unit the state figures are the unit's:
// that cell is withheld below state level but cannot be protected there (see the auditor).
import { isPrimary, type DisclosureRule } from './rule.ts';
import { feasibleIntervals, type Interval, type PublishedTable } from './intervals.ts';

/** The true values of one table; column 0 holds each unit's total. */
export interface CellTable {
  rows: number;
  cols: number;
  values: number[];
}

export interface Requirement {
  cell: number;
  value: number;
  /** The interval must reach down to at least this … */
  lo: number;
  /** … and up to at least this. */
  hi: number;
}

const EPS = 1e-6;

export function margins(t: CellTable): number[] {
  const m = new Array<number>(t.cols).fill(0);
  for (let r = 0; r < t.rows; r++) for (let c = 0; c < t.cols; c++) m[c]! += t.values[r * t.cols + c]!;
  return m;
}

export function lowerPrior(t: CellTable): number {
  return Math.min(0, ...t.values);
}

/** The protection interval each primary cell must keep. */
export function requirements(t: CellTable, rule: DisclosureRule, primary: boolean[]): Requirement[] {
  const m = margins(t);
  const out: Requirement[] = [];
  // A state with one unit: the state's published figure is the unit's, and nothing below state
  // level can widen that (the auditor counts these cells apart, as pinned by state figures).
  if (t.rows < 2) return out;
  for (let i = 0; i < t.values.length; i++) {
    if (!primary[i]) continue;
    const v = t.values[i]!;
    const col = i % t.cols;
    const bound = col === 0 ? m[0]! : Math.min(m[col]!, m[0]!);
    out.push({ cell: i, value: v, lo: Math.min(v, 0), hi: Math.max(v, Math.min(rule.threshold, bound)) });
  }
  return out;
}

export function publishedView(t: CellTable, withheld: boolean[]): PublishedTable {
  return {
    rows: t.rows,
    cols: t.cols,
    cells: t.values.map((v, i) => (withheld[i] ? null : v)),
    margins: margins(t),
    lowerPrior: lowerPrior(t),
  };
}

export interface Shortfall extends Requirement {
  interval: Interval;
}

/**
 * How far the cell can move along the best rectangle of withheld cells (its row, its column, one
 * other unit, one other column): each is a direction inside the feasible set, so the interval
 * reaches at least this far either way. The hypercube method's own protection test; the LP is
 * only needed where no single rectangle suffices.
 */
export function rectangleRoom(t: CellTable, withheld: boolean[], cell: number): { up: number; down: number } {
  if (t.cols === 1) return { up: 0, down: 0 };
  const prior = lowerPrior(t);
  const r0 = Math.floor(cell / t.cols);
  const c0 = cell % t.cols;
  let up = 0;
  let down = 0;
  for (let r = 0; r < t.rows; r++) {
    if (r === r0) continue;
    for (let c = 0; c < t.cols; c++) {
      if (c === c0) continue;
      const a = r0 * t.cols + c;
      const b = r * t.cols + c0;
      const d = r * t.cols + c;
      if (!withheld[a] || !withheld[b] || !withheld[d]) continue;
      const same = c0 === 0 || c === 0 ? 1 : -1;
      const corners = [
        { cell, sign: 1 },
        { cell: a, sign: same },
        { cell: b, sign: -1 },
        { cell: d, sign: -same },
      ];
      const room = (sign: number) => Math.min(...corners.filter((k) => k.sign === sign).map((k) => t.values[k.cell]! - prior));
      up = Math.max(up, room(-1));
      down = Math.max(down, room(1));
    }
  }
  return { up, down };
}

/** Primary cells whose feasible interval, given the withheld set, is narrower than required. */
export async function shortfalls(t: CellTable, withheld: boolean[], reqs: Requirement[]): Promise<Shortfall[]> {
  // Cells a single withheld rectangle already protects need no LP.
  const open = reqs.filter((r) => {
    const room = rectangleRoom(t, withheld, r.cell);
    return !(room.up >= r.hi - r.value - EPS && room.down >= r.value - r.lo - EPS);
  });
  if (open.length === 0) return [];
  const intervals = await feasibleIntervals(publishedView(t, withheld), open.map((r) => r.cell));
  const out: Shortfall[] = [];
  for (const r of open) {
    const iv = intervals.get(r.cell)!;
    if (iv.lo > r.lo + EPS || iv.hi < r.hi - EPS) out.push({ ...r, interval: iv });
  }
  return out;
}

export interface Protection {
  primary: boolean[];
  withheld: boolean[];
  /** Rounds of attacker problems solved before the pattern held. */
  rounds: number;
}

const MAX_ROUNDS = 12;

export async function protectTable(t: CellTable, rule: DisclosureRule): Promise<Protection> {
  const primary = t.values.map((v) => isPrimary(v, rule));
  const withheld = [...primary];
  // The labels go with the count: a withheld unit total takes its whole breakdown with it.
  if (t.cols > 1) {
    for (let r = 0; r < t.rows; r++) if (primary[r * t.cols]) for (let c = 1; c < t.cols; c++) withheld[r * t.cols + c] = true;
  }
  const reqs = requirements(t, rule, primary);
  if (reqs.length === 0) return { primary, withheld, rounds: 0 };
  if (t.cols === 1) {
    // One sum (units add up to the state): withheld cells can each be anything from 0 to their
    // sum, so the rule holds once two or more are withheld and their sum reaches min(threshold,
    // state total). Close the gap with the smallest cell that does, else the largest ones.
    const total = margins(t)[0]!;
    const need = Math.max(...reqs.map((r) => r.hi));
    const sumWithheld = () => t.values.reduce((a, v, i) => a + (withheld[i] ? v - lowerPrior(t) : 0), 0);
    const count = () => withheld.filter(Boolean).length;
    const open = t.values.map((v, i) => ({ i, room: v - lowerPrior(t) })).filter((o) => !withheld[o.i]).sort((a, b) => a.room - b.room || a.i - b.i);
    while (open.length && (count() < 2 || sumWithheld() < Math.min(need, total) - EPS)) {
      const gap = Math.min(need, total) - sumWithheld();
      const k = open.findIndex((o) => o.room >= gap - EPS);
      const [pick] = open.splice(k >= 0 ? k : open.length - 1, 1);
      withheld[pick!.i] = true;
    }
    // Zeros: a withheld set of nonzero cells tells a reader each is at least 1 (four withheld
    // agencies under a state total of 4 would each be 1). A zero is withheld with them whenever
    // the table has one, so no reader can take a withheld row for a nonzero count.
    if (!t.values.some((v, i) => withheld[i] && v === 0)) {
      const zero = t.values.findIndex((v, i) => !withheld[i] && v === 0);
      if (zero >= 0) withheld[zero] = true;
    }
  }
  if (t.cols > 1) {
    // Hypercube pass: give each primary cell a withheld rectangle with room enough on both sides,
    // so the LPs below mostly confirm rather than search.
    for (const r of reqs) {
      const room = rectangleRoom(t, withheld, r.cell);
      if (room.up >= r.hi - r.value - EPS && room.down >= r.value - r.lo - EPS) continue;
      addPartners(t, withheld, { ...r, interval: { lo: r.value - room.down, hi: r.value + room.up } }, true);
    }
  }
  // Withholding more only widens intervals, so a cell protected once stays protected: each round
  // re-examines only the cells that were short in the last.
  let pending = reqs;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const short = await shortfalls(t, withheld, pending);
    if (short.length === 0) return { primary, withheld, rounds: round };
    pending = short;
    let added = 0;
    for (const s of short) added += addPartners(t, withheld, s);
    if (added === 0) {
      // The cheap structures are used up: take the cell's whole row and column, and every unit total.
      for (const s of short) widen(t, withheld, s.cell);
    }
  }
  // Last resort, always sufficient: nothing below state level is published for this table.
  if ((await shortfalls(t, withheld, pending)).length) withheld.fill(true);
  return { primary, withheld, rounds: MAX_ROUNDS + 1 };
}

function widen(t: CellTable, withheld: boolean[], cell: number): void {
  const r0 = Math.floor(cell / t.cols);
  const c0 = cell % t.cols;
  for (let c = 0; c < t.cols; c++) withheld[r0 * t.cols + c] = true;
  for (let r = 0; r < t.rows; r++) {
    withheld[r * t.cols + c0] = true;
    withheld[r * t.cols] = true;
  }
}

/** Adds the cheapest structure that gives the cell the room it lacks; returns how many cells were added. */
function addPartners(t: CellTable, withheld: boolean[], s: Shortfall, onlySufficient = false): number {
  const prior = lowerPrior(t);
  const needDown = s.interval.lo > s.lo + EPS ? s.value - s.lo : 0;
  const needUp = s.interval.hi < s.hi - EPS ? s.hi - s.value : 0;
  const r0 = Math.floor(s.cell / t.cols);
  const c0 = s.cell % t.cols;
  const at = (r: number, c: number) => r * t.cols + c;
  type Candidate = { cells: number[]; up: number; down: number };
  const candidates: Candidate[] = [];
  if (t.cols === 1) {
    // One equation (units sum to the state): any other withheld unit absorbs a decrease, and the
    // withheld units' values bound an increase. Take the smallest unit that covers the gap, or
    // else the largest units until they do.
    const open = [];
    for (let r = 0; r < t.rows; r++) if (r !== r0 && !withheld[at(r, 0)]) open.push({ cell: at(r, 0), room: t.values[at(r, 0)]! - prior });
    if (open.length === 0) return 0;
    open.sort((a, b) => a.room - b.room || a.cell - b.cell);
    const one = open.find((o) => o.room >= needUp - EPS);
    const chosen = one ? [one] : [];
    if (!one) {
      let got = 0;
      for (let i = open.length - 1; i >= 0 && got < needUp - EPS; i--) {
        chosen.push(open[i]!);
        got += open[i]!.room;
      }
    }
    for (const o of chosen) withheld[o.cell] = true;
    return chosen.length;
  } else {
    for (let r = 0; r < t.rows; r++) {
      if (r === r0) continue;
      for (let c = 0; c < t.cols; c++) {
        if (c === c0) continue;
        // Moving the cell by +d: a total and one of its categories move together; two categories of
        // one unit move oppositely; the other unit mirrors the first so column sums hold.
        const sameRowSign = c0 === 0 || c === 0 ? 1 : -1;
        const corners = [
          { cell: at(r0, c), sign: sameRowSign },
          { cell: at(r, c0), sign: -1 },
          { cell: at(r, c), sign: -sameRowSign },
        ];
        const room = (sign: number) => Math.min(...[{ cell: s.cell, sign: 1 }, ...corners].filter((k) => k.sign === sign).map((k) => t.values[k.cell]! - prior));
        candidates.push({ cells: corners.map((k) => k.cell), up: room(-1), down: room(1) });
      }
    }
  }
  const cost = (c: Candidate) => {
    const fresh = c.cells.filter((x) => !withheld[x]);
    return { n: fresh.length, value: fresh.reduce((a, x) => a + Math.abs(t.values[x]!), 0) };
  };
  const enough = (c: Candidate) => c.up >= needUp - EPS && c.down >= needDown - EPS;
  const score = (c: Candidate) => Math.min(needUp > 0 ? Math.min(1, c.up / needUp) : 1, needDown > 0 ? Math.min(1, c.down / needDown) : 1);
  let best: Candidate | null = null;
  let bestKey: [number, number, number] | null = null;
  for (const c of candidates) {
    const k = cost(c);
    // A structure that adds nothing, or (in the first pass) does not suffice alone, is left to the LP rounds.
    if (k.n === 0 || score(c) <= EPS || (onlySufficient && !enough(c))) continue;
    // Sufficient structures first, then fewest new cells, then least value withheld.
    const key: [number, number, number] = [enough(c) ? 0 : 1 - score(c), k.n, k.value];
    if (!bestKey || key[0] < bestKey[0] - EPS || (Math.abs(key[0] - bestKey[0]) <= EPS && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
      best = c;
      bestKey = key;
    }
  }
  if (!best) return 0;
  let added = 0;
  for (const x of best.cells) {
    if (!withheld[x]) {
      withheld[x] = true;
      added++;
    }
  }
  return added;
}
