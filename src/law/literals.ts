// Required literals of a cue pattern, for prefiltering: `requiredLiterals(p)` returns lower-case strings such that
// every match of p (case-insensitive) contains at least one of them, or null when no such set is found.
// Handles the regex subset the rule data uses: literals, escapes, classes, groups ((?:…), (?=…), (?!…)),
// alternation and quantifiers (?, *, +, {m,n}). Conservative: anything unclear yields null.

type Req = string[] | null;

interface Parser {
  s: string;
  i: number;
}

const MIN = 3;

/** Best requirement of a sequence: the longest-shortest literal set wins (fewer, longer literals filter better). */
function better(a: Req, b: Req): Req {
  if (!a) return b;
  if (!b) return a;
  const ma = Math.min(...a.map((x) => x.length));
  const mb = Math.min(...b.map((x) => x.length));
  if (ma !== mb) return ma > mb ? a : b;
  return a.length <= b.length ? a : b;
}

function quantifier(p: Parser): { min: number } | null {
  const c = p.s[p.i];
  let min = -1;
  if (c === '?' || c === '*') {
    min = 0;
    p.i++;
  } else if (c === '+') {
    min = 1;
    p.i++;
  } else if (c === '{') {
    const m = /^\{(\d+)(?:,(\d*))?\}/.exec(p.s.slice(p.i));
    if (!m) return null;
    min = Number(m[1]);
    p.i += m[0].length;
  } else return null;
  if (p.s[p.i] === '?') p.i++; // lazy
  return { min };
}

/** Parse alternatives until ')' or end. */
function parseAlt(p: Parser): Req {
  const alts: Req[] = [parseSeq(p)];
  while (p.s[p.i] === '|') {
    p.i++;
    alts.push(parseSeq(p));
  }
  if (alts.some((a) => a === null)) return null;
  return [...new Set((alts as string[][]).flat())];
}

function parseSeq(p: Parser): Req {
  let best: Req = null;
  let run = ''; // current literal run (lower-case)
  const flush = () => {
    if (run.length >= MIN) best = better(best, [run]);
    run = '';
  };
  while (p.i < p.s.length) {
    const c = p.s[p.i]!;
    if (c === '|' || c === ')') break;
    if (c === '(') {
      flush();
      p.i++;
      let look = false;
      let negative = false;
      if (p.s[p.i] === '?') {
        const k = p.s[p.i + 1];
        if (k === ':') p.i += 2;
        else if (k === '=' || k === '!') {
          look = true;
          negative = k === '!';
          p.i += 2;
        } else if (k === '<') return fail(p);
        else return fail(p);
      }
      const inner = parseAlt(p);
      if (p.s[p.i] !== ')') return fail(p);
      p.i++;
      const q = quantifier(p);
      if (look) {
        if (!negative && inner) best = better(best, inner);
        continue;
      }
      if (!q || q.min >= 1) best = better(best, inner);
      continue;
    }
    if (c === '[') {
      flush();
      p.i++;
      if (p.s[p.i] === '^') p.i++;
      if (p.s[p.i] === ']') p.i++;
      while (p.i < p.s.length && p.s[p.i] !== ']') p.i += p.s[p.i] === '\\' ? 2 : 1;
      p.i++;
      quantifier(p);
      continue;
    }
    if (c === '\\') {
      const e = p.s[p.i + 1] ?? '';
      p.i += 2;
      const literal = /[.\-\\/()[\]{}|?*+^$'"§,:;]/.test(e) ? e : null;
      const q = quantifierPeek(p);
      if (literal !== null && !q) {
        run += literal.toLowerCase();
        continue;
      }
      flush();
      quantifier(p);
      continue;
    }
    if (c === '.' || c === '^' || c === '$') {
      flush();
      p.i++;
      quantifier(p);
      continue;
    }
    // plain char (a space in rule data means "any whitespace run": it breaks the literal)
    p.i++;
    const q = quantifierPeek(p);
    if (c === ' ') {
      flush();
      quantifier(p);
      continue;
    }
    if (q) {
      const qq = quantifier(p)!;
      if (qq.min >= 1) run += c.toLowerCase();
      flush();
      continue;
    }
    run += c.toLowerCase();
  }
  flush();
  return best;
}

function quantifierPeek(p: Parser): boolean {
  const c = p.s[p.i];
  return c === '?' || c === '*' || c === '+' || (c === '{' && /^\{\d+(?:,\d*)?\}/.test(p.s.slice(p.i)));
}

function fail(p: Parser): Req {
  p.i = p.s.length;
  throw new Error('unsupported');
}

export function requiredLiterals(pattern: string): string[] | null {
  const p: Parser = { s: pattern, i: 0 };
  try {
    const r = parseAlt(p);
    if (p.i !== pattern.length) return null;
    return r && r.length ? r : null;
  } catch {
    return null;
  }
}
