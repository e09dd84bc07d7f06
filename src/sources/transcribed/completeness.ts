// How complete each report year's tier lists are, as the transcribers established it
// (stats/transcribed/MANIFEST.md §1.1 and §1.5). A count of placements for a tier that is not
// complete is a floor, never the number of countries on that tier; the home page says so.

export const TIERS = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'] as const;
export type TranscribedTier = (typeof TIERS)[number];

export interface YearCompleteness {
  /** Tiers whose list of countries is complete for the report year. */
  complete: TranscribedTier[];
  /** What is known and what is missing, in words (stored as a caveat on that year). */
  text: string;
}

/** Report years 2001–2015 come from the Heiss & Kelley file, complete except as its caveats say. */
export const HEISS_KELLEY_YEARS: [number, number] = [2001, 2015];

export const TRANSCRIBED_COMPLETENESS: Record<number, YearCompleteness> = {
  2016: { complete: [], text: 'Report year 2016: partial — 12 countries read from news reports; most placements were not found.' },
  2017: { complete: [], text: 'Report year 2017: partial — only 3 of the 23 Tier 3 countries (stated count) were found.' },
  2018: { complete: [], text: 'Report year 2018: partial — 9 of 22 Tier 3 and 6 of 43 Tier 2 Watch List countries (stated counts) were found.' },
  2019: { complete: [], text: 'Report year 2019: partial — 17 placements from the Federal Register and news; Tier 1 had 33 countries by one source.' },
  2020: {
    complete: ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'],
    text: 'Report year 2020: complete except the 3 Special Cases, which were not found. Tier 1 and Tier 2 come from a private site (GVnet) adapting the report.',
  },
  2021: {
    complete: ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'],
    text: 'Report year 2021: complete (188 countries), from an undated third-party list; the year is inferred from the stated counts and the moves reported that year.',
  },
  2022: { complete: ['Tier 2 Watch List', 'Tier 3'], text: 'Report year 2022: Tier 2 Watch List and Tier 3 complete (CIA World Factbook); Tier 1 and Tier 2 missing.' },
  2023: {
    complete: ['Tier 2 Watch List', 'Tier 3'],
    text: 'Report year 2023: complete except the Democratic Republic of the Congo (not read anywhere) and the Special Cases; Tier 1 and Tier 2 come from a private site (GVnet).',
  },
  2024: { complete: ['Tier 2 Watch List', 'Tier 3'], text: 'Report year 2024: Tier 2 Watch List and Tier 3 complete (CIA World Factbook); Tier 1 and Tier 2 mostly missing.' },
  2025: {
    complete: ['Tier 2 Watch List', 'Tier 3', 'Special Case'],
    text: 'Report year 2025: Tier 2 Watch List, Tier 3 and Special Cases complete (CIA World Factbook); Tier 1 and Tier 2 missing.',
  },
};

/** Is the list of countries on `tier` complete for `year`? Unknown years are not. */
export function tierListComplete(year: number, tier: string): boolean {
  if (year >= HEISS_KELLEY_YEARS[0] && year <= HEISS_KELLEY_YEARS[1]) {
    // That file merges Special Cases with unranked years, and leaves out the United States,
    // ranked (Tier 1) from the 2010 report on.
    return tier !== 'Special Case' && !(tier === 'Tier 1' && year >= 2010);
  }
  return TRANSCRIBED_COMPLETENESS[year]?.complete.includes(tier as TranscribedTier) ?? false;
}
