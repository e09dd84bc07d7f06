// One model for every legislation format Cogency imports (bills, session laws, codified statutes).
// Pure data: no I/O here. Importers in import.ts fill it; the analyzer reads `analysisText(doc)`.

export type LawFormat =
  | 'legiscan-bill'
  | 'legiscan-text'
  | 'legiscan-person'
  | 'legiscan-rollcall'
  | 'legiscan-datasetlist'
  | 'ny-bill-md'
  | 'mo-bill-pdf-text'
  | 'dc-xml-law'
  | 'dc-xml-code'
  | 'us-statutes-json'
  | 'statute-text'
  | 'usc-md'
  | 'hi-md'
  | 'wa-bill-md'
  | 'openstates-json'
  | 'openstates-csv'
  | 'pdf'
  | 'html'
  | 'plain-text';

export type LawKind = 'bill' | 'statute' | 'other';

export interface Sponsor {
  name: string;
  role?: string;
  party?: string;
  /** true for primary sponsors, false for co-sponsors, undefined when unknown */
  primary?: boolean;
}

export interface LawVersion {
  /** e.g. "Introduced", "Enrolled", "current" */
  label: string;
  date?: string;
  mime?: string;
  sourceUrl?: string;
  /** Plain text of this version (may be '' when the format carries only metadata). */
  text: string;
}

export interface LawVote {
  date?: string;
  description?: string;
  yea?: number;
  nay?: number;
  passed?: boolean;
  chamber?: string;
}

export interface LawDocument {
  /** Stable id: manifest id when known, else derived from the file name. */
  id: string;
  format: LawFormat;
  /** Path of the file this was read from. */
  sourcePath: string;
  /** Two-letter state code, "US" or "DC"; '' when unknown. */
  jurisdiction: string;
  kind: LawKind;
  /** Bill number or code section number ("S1352", "HB 2076", "22-1831", "18 U.S.C. 1591"). */
  identifier: string;
  session: string;
  year: number | null;
  title: string;
  status: string;
  /** Named dates (introduced, status, effective, …) as given by the source (ISO where possible). */
  dates: Record<string, string>;
  sponsors: Sponsor[];
  /** Text versions, oldest first; the analyzer reads the last one with text. */
  versions: LawVersion[];
  /** Human citation, e.g. "N.Y. S1352 (2023-2024)" or "D.C. Code § 22-1831". */
  citation: string;
  /** True when the source marks the whole section as repealed. */
  repealed?: boolean;
  votes?: LawVote[];
  /** Anything else the source carried that may matter later (kept small). */
  meta?: Record<string, unknown>;
}

/** The text the analyzer reads: the latest version that has text ('' if none). */
export function analysisText(doc: LawDocument): string {
  for (let i = doc.versions.length - 1; i >= 0; i--) {
    const v = doc.versions[i];
    if (v && v.text.trim() !== '') return v.text;
  }
  return '';
}

/** Clear error for bad input: names the file and, where meaningful, line / field. */
export class LawInputError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly field?: string;
  constructor(file: string, message: string, opts: { line?: number; field?: string } = {}) {
    const where = [opts.line !== undefined ? `line ${opts.line}` : '', opts.field ? `field ${opts.field}` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${where ? ` (${where})` : ''}: ${message}`);
    this.name = 'LawInputError';
    this.file = file;
    if (opts.line !== undefined) this.line = opts.line;
    if (opts.field !== undefined) this.field = opts.field;
  }
}

export function emptyDocument(sourcePath: string, format: LawFormat, id: string): LawDocument {
  return {
    id,
    format,
    sourcePath,
    jurisdiction: '',
    kind: 'other',
    identifier: '',
    session: '',
    year: null,
    title: '',
    status: '',
    dates: {},
    sponsors: [],
    versions: [],
    citation: '',
  };
}
