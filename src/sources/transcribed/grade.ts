// How close a figure is to its publisher: the quality grade kept with every transcribed value and
// shown beside it. The transcribers' `source_type` (transcribed/MANIFEST.md, "Conventions") is
// mapped onto three grades; where sources disagree, the closest one leads and the others are shown.

export type Grade = 'official_publication' | 'official_mirror' | 'secondary_quote';

export const GRADE_LABEL: Record<Grade, string> = {
  official_publication: 'official publication',
  official_mirror: 'official mirror',
  secondary_quote: 'secondary quote',
};

/**
 * Every source type the transcriptions use, closest to the publisher first. The order inside a
 * grade decides which of two disagreeing secondary sources leads (a research library quoting the
 * State Department before a magazine; a press-release copy before a blog).
 */
const SOURCE_TYPES: [string, Grade, string][] = [
  ['official_state_gov', 'official_publication', 'U.S. State Department page'],
  ['official_bjs', 'official_publication', 'Bureau of Justice Statistics page'],
  ['official_ilo', 'official_publication', 'ILO page'],
  ['official_federal_register', 'official_publication', 'Federal Register'],
  ['official_polaris', 'official_publication', 'Polaris, operator of the hotline'],
  ['official_us_embassy', 'official_publication', 'U.S. embassy page'],
  ['official_doj_ncjrs', 'official_publication', 'Department of Justice (NCJRS) page'],
  ['official_doj_press_copy', 'official_mirror', 'copy of a Department of Justice press release'],
  ['official_crs_copy', 'official_mirror', 'Congressional Research Service text on a mirror'],
  ['official_text_mirror', 'official_mirror', 'verbatim copy of a State Department text'],
  ['official_secondary_cia_factbook', 'official_mirror', 'CIA World Factbook, restating the TIP Report'],
  ['secondary_academic', 'secondary_quote', 'university library page quoting the source'],
  ['secondary_transcription', 'secondary_quote', 'third-party transcription of a full list'],
  ['secondary_press_release_copy', 'secondary_quote', 'third-party copy of a press release'],
  ['secondary_summary', 'secondary_quote', 'third-party summary of the report'],
  ['secondary_ngo_quote', 'secondary_quote', 'NGO quoting the publisher'],
  ['secondary_ngo', 'secondary_quote', 'NGO page'],
  ['secondary_news', 'secondary_quote', 'news report'],
  ['secondary_blog', 'secondary_quote', 'blog post'],
];

const BY_TYPE = new Map(SOURCE_TYPES.map(([type, grade, label], rank) => [type, { grade, label, rank }]));

export const KNOWN_SOURCE_TYPES = SOURCE_TYPES.map(([t]) => t);

export interface SourceTypeInfo {
  grade: Grade;
  /** What kind of page the figure was read on, in words. */
  label: string;
  /** Position in the closeness order: lower leads. */
  rank: number;
}

export function sourceTypeInfo(type: string): SourceTypeInfo | undefined {
  return BY_TYPE.get(type);
}

/** Flags that carry the grade with a stored value (read back by `gradeOf`). */
export function gradeFlags(type: string): string[] {
  const info = BY_TYPE.get(type);
  return info ? [`grade:${info.grade}`, `source_type:${type}`] : [];
}

/** The grade of a stored value, from its flags; null for values without one. */
export function gradeOf(flags: string[]): Grade | null {
  const f = flags.find((x) => x.startsWith('grade:'));
  return f ? (f.slice('grade:'.length) as Grade) : null;
}
