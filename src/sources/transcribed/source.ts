// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const TRANSCRIBED_DIR = 'stats/transcribed';

export const FILES = {
  placements: `${TRANSCRIBED_DIR}/tip_tier_placements_2016-2025.csv`,
  counts: `${TRANSCRIBED_DIR}/tip_tier_counts_stated.csv`,
  lawEnforcement: `${TRANSCRIBED_DIR}/tip_global_law_enforcement_data_partial.csv`,
  federal: `${TRANSCRIBED_DIR}/us_federal_human_trafficking_prosecution_stats.csv`,
  hotline: `${TRANSCRIBED_DIR}/us_national_hotline_stats.csv`,
  ilo: `${TRANSCRIBED_DIR}/ilo_2022_global_estimates_modern_slavery.csv`,
} as const;

export const TRANSCRIBED_CAVEATS = [
  'Transcribed by hand from stored copies of public web pages, not read from an official data file: each value names the page it was read on and quotes it. Verify against the publication before citing a figure on its own.',
  'Each value carries its grade — official publication (read on the publisher’s own page), official mirror (a verbatim copy or an official restatement, such as the CIA World Factbook) or secondary quote (news, NGO or blog pages quoting the publisher).',
  'Where sources disagree, the value closest to the publisher is shown and the others are named beside it; where they agree, the agreeing sources are noted.',
];

export const TRANSCRIBED_SOURCE = {
  id: 'transcribed',
  title: 'Figures transcribed from public documents: TIP tiers 2016–2025, law enforcement, federal prosecutions, hotline, ILO 2022',
  expects: Object.values(FILES).join(', '),
} as const;
