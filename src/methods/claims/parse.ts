// Parse a pasted claim ("arrests for trafficking doubled", "100,000 children are trafficked each year")
// into quantity, unit, what is counted, place, period and comparison. Rule-based and transparent: every
// field can be shown to the person and edited, and the check runs on the edited parse.

export type Counted = 'sex_trafficking' | 'labor_trafficking' | 'human_trafficking' | 'prostitution' | 'modern_slavery' | 'forced_labour' | 'tier' | 'age' | 'money' | 'other';
export type Unit = 'arrests' | 'offenses' | 'people' | 'children' | 'reports' | 'countries' | 'percent' | 'usd' | 'years' | 'per_1000' | 'tier' | 'none';
export type Comparison = 'level' | 'rise' | 'fall' | 'share' | 'rate';

export interface ClaimParse {
  quantity: number | null;
  /** The words the quantity was read from. */
  quantityText: string | null;
  unit: Unit;
  counted: Counted;
  /** A stored place id (USA, a state code, an ISO3 country, ALL for the world) or null. */
  place: string | null;
  period: { from: number; to: number } | null;
  comparison: Comparison;
  /** For rise/fall: the change claimed, in percent (doubled = 100). */
  change: number | null;
  /** For tier claims: the tier named. */
  tier: string | null;
  hedged: boolean;
  /** The claim cites a hotline or tip line as its source. */
  hotline: boolean;
  /** The claim speaks of a sting, operation, bust or crackdown. */
  operation: boolean;
  /** The claim names the FBI or a national scope (the record's arrest figures are national estimates). */
  national: boolean;
  /** The claim also mentions prostitution, solicitation or buyers. */
  mentionsProstitution: boolean;
  /** The claim mentions trafficking. */
  mentionsTrafficking: boolean;
}

export class ClaimInputError extends Error {}

export const MAX_CLAIM_CHARS = 2000;

export interface PlaceName {
  id: string;
  name: string;
}

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9 };
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

/** Common English words: a claim with letters but almost none of these is very likely in another language. */
const ENGLISH = new Set('the of and a to in is are was were for that on by with as at from have has be it this there than more people each year per in'.split(' '));

function checkInput(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') throw new ClaimInputError('The claim is empty: paste one sentence with a number in it.');
  if (t.length > MAX_CLAIM_CHARS)
    throw new ClaimInputError(`The text is ${t.length.toLocaleString('en-US')} characters; paste one claim (at most ${MAX_CLAIM_CHARS.toLocaleString('en-US')} characters) so it can be read as one figure.`);
  const words = t.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  if (words.length >= 4) {
    const english = words.filter((w) => ENGLISH.has(w)).length;
    if (english / words.length < 0.08)
      throw new ClaimInputError('This does not look like English. Cogency reads claims in English only for now; please paste an English version of the claim.');
  }
  return t;
}

interface NumberHit {
  value: number;
  text: string;
  index: number;
  percent: boolean;
  money: boolean;
}

function numbers(t: string): NumberHit[] {
  const hits: NumberHit[] = [];
  const re = /(\$\s?)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(\s?(?:thousand|million|billion|bn|mn|k)\b)?(\s?(?:%|percent|per cent))?/gi;
  for (const m of t.matchAll(re)) {
    const raw = m[2]!;
    let value = Number(raw.replace(/,/g, ''));
    const scale = m[3]?.trim().toLowerCase();
    if (scale) value *= SCALE[scale] ?? 1;
    hits.push({ value, text: m[0].trim(), index: m.index!, percent: Boolean(m[4]), money: Boolean(m[1]) || /billion|bn/i.test(m[3] ?? '') && /\$|dollar|profit|industry|business/i.test(t) });
  }
  // Number words: "half a million", "fifty million", "sixty-four", "one hundred thousand".
  const wordRe = /\b(half a|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?: hundred)?)\s*(thousand|million|billion)?\b/gi;
  for (const m of t.matchAll(wordRe)) {
    const words = m[1]!.toLowerCase();
    let value = words === 'half a' ? 0.5 : words.split(/[- ]/).reduce((acc, w) => (w === 'hundred' ? acc * 100 : acc + (WORD_NUMBERS[w] ?? 0)), 0);
    if (m[2]) value *= SCALE[m[2].toLowerCase()]!;
    else if (words === 'half a') continue;
    if (value < 2 && !m[2]) continue;
    hits.push({ value, text: m[0].trim(), index: m.index!, percent: false, money: false });
  }
  return hits.sort((a, b) => a.index - b.index);
}

const isYear = (h: NumberHit) => !h.percent && !h.money && Number.isInteger(h.value) && h.value >= 1900 && h.value <= 2100 && /^\d{4}$/.test(h.text);

/** The first place the claim names (its subject, usually), with where it is named. */
function findPlace(t: string, places: PlaceName[]): { id: string; index: number } | null {
  const found: { id: string; index: number; length: number }[] = [];
  const world = /\b(global(ly)?|world(wide)?|around the world|in the world)\b/i.exec(t);
  if (world) found.push({ id: 'ALL', index: world.index, length: world[0].length });
  for (const p of places) {
    if (p.name.length < 4) continue;
    const m = new RegExp(`\\b${p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').exec(t);
    if (m) found.push({ id: p.id, index: m.index, length: m[0].length });
  }
  const us = /(?:^|[^\w])(U\.S\.(?:A\.)?|US|USA|United States|America|American|nationwide|nationally|the nation)(?![\w])/.exec(t);
  if (us) found.push({ id: 'USA', index: us.index, length: us[0].length });
  // Earliest first; at the same position the longer name ("West Virginia" over "Virginia").
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  return found[0] ?? null;
}

export function parseClaim(text: string, places: PlaceName[] = []): ClaimParse {
  const t = checkInput(text);
  const hits = numbers(t);
  const years = hits.filter(isYear);
  // "moved from Tier 2 Watch List to Tier 3": the placement claimed is the last one named.
  const tiers = [...t.matchAll(/\btier (1|2 watch list|2|3)\b/gi)];
  const tierMatch = (/\bfrom (the )?tier\b/i.test(t) ? tiers[tiers.length - 1] : tiers[0]) ?? null;
  const candidates = hits.filter((h) => !isYear(h) && !(tierMatch && h.index >= tierMatch.index && h.index <= tierMatch.index + tierMatch[0].length));
  const rate = /per (1,000|1000|100,000|100 000|thousand)/i.test(t);
  const mentionsTrafficking = /traffick/i.test(t);
  const mentionsProstitution = /prostitut|solicit|commercialized vice|sex buyers?|johns\b|buying sex|purchas\w* (sex|commercial sex)|escort/i.test(t);

  let counted: Counted = 'other';
  if (/average age|age of entry|years? old/i.test(t)) counted = 'age';
  else if (tierMatch) counted = 'tier';
  else if (/\$|profits?|billion (?:dollar|a year|per year|business|industry)|industry|business/i.test(t) && hits.some((h) => h.money)) counted = 'money';
  else if (/forced labou?r (accounts|generates)|(in|into) forced labou?r/i.test(t)) counted = 'forced_labour';
  else if (/modern slavery|enslaved|slaves?\b|slavery/i.test(t)) counted = 'modern_slavery';
  else if (/forced labou?r|involuntary servitude|labou?r traffick/i.test(t) && !/sex/i.test(t)) counted = /traffick|servitude/i.test(t) ? 'labor_trafficking' : 'forced_labour';
  else if (/sex(ual)? traffick|commercial sex acts?|sex slave|sexual exploitation|sex trade|child sex/i.test(t)) counted = 'sex_trafficking';
  else if (mentionsTrafficking) counted = 'human_trafficking';
  else if (mentionsProstitution) counted = 'prostitution';
  // "arrests for prostitution" outranks a passing mention of trafficking in the same sentence
  if (/(arrest\w*|arrested) (for|on|related to) (prostitut|solicit)|prostitution[- ]related arrests|prostitution arrests|arrests for prostitution/i.test(t)) counted = 'prostitution';

  let unit: Unit = 'none';
  if (counted === 'tier') unit = candidates.length && /countries|nations/i.test(t) ? 'countries' : 'tier';
  else if (rate) unit = 'per_1000';
  else if (counted === 'age') unit = 'years';
  else if (counted === 'money') unit = 'usd';
  else if (/arrest/i.test(t)) unit = 'arrests';
  else if (/offen[cs]es|incidents|crimes|reported to (law enforcement|police|the fbi)|known to (police|law enforcement)/i.test(t)) unit = 'offenses';
  else if (/calls|cases|reports|tips/i.test(t)) unit = 'reports';
  else if (/child|minor|kids|girls|boys|youth/i.test(t)) unit = 'children';
  else if (/people|persons|men|women|victims|survivors|workers|individuals/i.test(t)) unit = 'people';

  let comparison: Comparison = 'level';
  let change: number | null = null;
  const fell = /\b(drop(ped)?|fell|fall(en)?|declin\w*|decreas\w*|down|reduc\w*|halved)\b/i.test(t);
  const rose = /\b(rose|rise[ns]?|increas\w*|up from|jump\w*|grew|grow\w*|soar\w*|doubled|tripled|spike[sd]?|surge[sd]?)\b/i.test(t);
  const pct = candidates.find((h) => h.percent);
  if (rose || fell) {
    comparison = fell && !rose ? 'fall' : 'rise';
    if (/\bdoubled\b/i.test(t)) change = 100;
    else if (/\btripled\b/i.test(t)) change = 200;
    else if (/\bhalved\b/i.test(t)) change = -50;
    else if (pct) change = comparison === 'fall' ? -Math.abs(pct.value) : pct.value;
    if (change === null) comparison = 'level';
  } else if (rate) comparison = 'rate';
  else if (pct) comparison = 'share';

  // The figure: for a rise or fall, the change; where a country or state is named, the number nearest
  // to it (its own figure, not a total mentioned beside it); otherwise the first number that is not a year.
  const place = findPlace(t, places);
  const counts = candidates.filter((h) => !h.percent);
  const nearest = place && place.id !== 'ALL' && place.id !== 'USA' && counts.length > 1
    ? [...counts].sort((a, b) => Math.abs(a.index - place.index) - Math.abs(b.index - place.index))[0]
    : undefined;
  const main = comparison === 'rise' || comparison === 'fall' ? (pct ?? null) : (nearest ?? counts[0] ?? pct ?? null);
  if (main?.percent && comparison === 'level') unit = 'percent';

  let period: ClaimParse['period'] = null;
  const range = /\b(?:between|from)\s+(\d{4})\s+(?:and|to|-|–)\s+(\d{4})\b/i.exec(t) ?? /\b(\d{4})\s*(?:-|–|to)\s*(\d{4})\b/.exec(t);
  if (range) period = { from: Number(range[1]), to: Number(range[2]) };
  else if (years.length) {
    // The year nearest the figure; with a rise or fall, from the earliest to the latest year named.
    if ((comparison === 'rise' || comparison === 'fall') && years.length >= 2) {
      const ys = years.map((y) => y.value).sort((a, b) => a - b);
      period = { from: ys[0]!, to: ys[ys.length - 1]! };
    } else {
      const anchor = main?.index ?? 0;
      const y = [...years].sort((a, b) => Math.abs(a.index - anchor) - Math.abs(b.index - anchor))[0]!;
      period = { from: y.value, to: y.value };
    }
  }

  return {
    quantity: main ? main.value : null,
    quantityText: main ? main.text : null,
    unit,
    counted,
    place: place?.id ?? null,
    period,
    comparison,
    change,
    tier: tierMatch ? `Tier ${tierMatch[1]!.replace(/watch list/i, 'Watch List')}` : null,
    hedged: /\b(about|around|approximately|nearly|almost|roughly|some|close to|over|more than|at least|estimated|an estimated|upwards of|a bit over|just under|up to)\b/i.test(t),
    hotline: /hotline|polaris|nhtrc|textline|tip line/i.test(t),
    operation: /\b(sting|operation|bust|crackdown|sweep|raid)\b/i.test(t),
    national: /\bFBI\b|\bnational(ly)?\b|\bnationwide\b/i.test(t) || place?.id === 'USA',
    mentionsProstitution,
    mentionsTrafficking,
  };
}
