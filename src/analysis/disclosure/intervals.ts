// The attacker's problem: from everything a table publishes, how far can each withheld cell be
// narrowed? A published sub-state table is a two-way table (sub-state units × a total column and,
// when the measure has one breakdown, its categories) whose state-level margins are published as
// they are. Its linear relations are: each unit's categories sum to its total, and each column
// sums over the units to its state margin. With the published cells moved to the right-hand
// side, the feasible values of the withheld cells form a polytope; the interval of one cell is
// its minimum and maximum over it: two linear programs (GLPK, the solver sdcTable uses via
// Rglpk), solved per connected group of withheld cells so each program stays small.
import type GLPK from 'glpk.js/node';

/** What an attacker sees of one table: every cell's published value, or null where withheld. */
export interface PublishedTable {
  rows: number;
  /** 1 (a total per unit) or 1 + the number of categories; column 0 is the unit's total. */
  cols: number;
  /** rows × cols, row-major; null = withheld. */
  cells: (number | null)[];
  /** Published state-level column sums over the units (the unit totals' sum first). */
  margins: number[];
  /** The smallest value any cell can take (0 for counts; lower where adjusted counts go negative). */
  lowerPrior: number;
}

export interface Interval {
  lo: number;
  hi: number;
}

type Solver = Awaited<ReturnType<typeof GLPK>>;
let solverPromise: Promise<Solver> | null = null;
/** GLPK compiled to WebAssembly, loaded once per process. */
export function lpSolver(): Promise<Solver> {
  // Loaded on first use: most questions never solve a program, and a one-shot process need not pay for it.
  solverPromise ??= import('glpk.js/node').then(({ default: load }) => load());
  return solverPromise;
}

/** Linear programs solved in this process and the time they took (for the auditor's figures and benchmarks). */
export const lpStats = { solved: 0, ms: 0 };

/** Beyond this a bound is "unbounded": no count in these tables comes near it. */
const BIG = 1e9;

interface Equation {
  vars: { cell: number; coef: number }[];
  rhs: number;
}

/** The table's linear relations, restricted to those involving a withheld cell. */
export function equations(t: PublishedTable): Equation[] {
  const out: Equation[] = [];
  const at = (r: number, c: number) => r * t.cols + c;
  if (t.cols > 1) {
    for (let r = 0; r < t.rows; r++) {
      // total − Σ categories = 0
      const vars: Equation['vars'] = [];
      let rhs = 0;
      for (let c = 0; c < t.cols; c++) {
        const coef = c === 0 ? 1 : -1;
        const v = t.cells[at(r, c)];
        if (v === null || v === undefined) vars.push({ cell: at(r, c), coef });
        else rhs -= coef * v;
      }
      if (vars.length) out.push({ vars, rhs });
    }
  }
  for (let c = 0; c < t.cols; c++) {
    const vars: Equation['vars'] = [];
    let rhs = t.margins[c]!;
    for (let r = 0; r < t.rows; r++) {
      const v = t.cells[at(r, c)];
      if (v === null || v === undefined) vars.push({ cell: at(r, c), coef: 1 });
      else rhs -= v;
    }
    if (vars.length) out.push({ vars, rhs });
  }
  return out;
}

/**
 * Feasible interval of each withheld cell asked for (cell indexes into `t.cells`). Exact over the
 * reals; for these tables (sums along two crossed hierarchies, a network matrix) the vertices are
 * integral, so the integer interval is the same.
 */
export async function feasibleIntervals(t: PublishedTable, targets: number[], opts: { naive?: boolean | undefined } = {}): Promise<Map<number, Interval>> {
  const glpk = await lpSolver();
  const eqs = equations(t);

  // Connected groups of withheld cells (cells sharing an equation), so each LP is small.
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let p = parent.get(x) ?? x;
    if (p !== x) {
      p = find(p);
      parent.set(x, p);
    }
    return p;
  };
  for (const e of eqs) {
    for (const v of e.vars) if (!parent.has(v.cell)) parent.set(v.cell, v.cell);
    for (let i = 1; i < e.vars.length; i++) {
      const a = find(e.vars[0]!.cell);
      const b = find(e.vars[i]!.cell);
      if (a !== b) parent.set(a, b);
    }
  }
  const groupEqs = new Map<number, Equation[]>();
  for (const e of eqs) {
    const g = find(e.vars[0]!.cell);
    (groupEqs.get(g) ?? groupEqs.set(g, []).get(g)!).push(e);
  }
  const out = new Map<number, Interval>();
  const lowerType = Number.isFinite(t.lowerPrior) ? glpk.GLP_DB : glpk.GLP_UP;
  for (const target of targets) {
    if (t.cells[target] !== null && t.cells[target] !== undefined) {
      out.set(target, { lo: t.cells[target]!, hi: t.cells[target]! });
      continue;
    }
    const g = parent.has(target) ? find(target) : null;
    // The naive baseline (benchmarks): the whole table's equations in one LP for every cell.
    const group = g === null ? [] : opts.naive ? eqs : groupEqs.get(g)!;
    if (group.length === 0) {
      out.set(target, { lo: t.lowerPrior, hi: Infinity });
      continue;
    }
    if (!opts.naive && group.length === 1 && group[0]!.vars.every((v) => v.coef === 1)) {
      // One sum of withheld cells (a one-way table): the closed form of the same two programs.
      const { vars, rhs } = group[0]!;
      const others = vars.length - 1;
      out.set(target, { lo: others > 0 ? t.lowerPrior : rhs, hi: rhs - others * t.lowerPrior });
      continue;
    }
    const cells = [...new Set(group.flatMap((e) => e.vars.map((v) => v.cell)))];
    const lp = {
      name: 'interval',
      objective: { direction: glpk.GLP_MIN, name: 'x', vars: [{ name: `c${target}`, coef: 1 }] },
      subjectTo: group.map((e, i) => ({
        name: `e${i}`,
        vars: e.vars.map((v) => ({ name: `c${v.cell}`, coef: v.coef })),
        bnds: { type: glpk.GLP_FX, lb: e.rhs, ub: e.rhs },
      })),
      bounds: cells.map((c) => ({ name: `c${c}`, type: lowerType, lb: Number.isFinite(t.lowerPrior) ? t.lowerPrior : 0, ub: BIG })),
    };
    const solve = (direction: number): number => {
      lp.objective.direction = direction;
      const started = performance.now();
      const r = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, presol: false });
      lpStats.solved++;
      lpStats.ms += performance.now() - started;
      if (r.result.status !== glpk.GLP_OPT) {
        throw new Error(`interval LP for cell ${target} ended with GLPK status ${r.result.status}: the published table is inconsistent`);
      }
      return r.result.z;
    };
    const lo = solve(glpk.GLP_MIN);
    const hi = solve(glpk.GLP_MAX);
    out.set(target, { lo: lo <= -BIG / 2 ? -Infinity : lo, hi: hi >= BIG / 2 ? Infinity : hi });
  }
  return out;
}
