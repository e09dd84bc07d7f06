// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const HT_MASTER_FILE = 'stats/fbi-ucr-human-trafficking/fbi_ht_master_file_2015_fixed_width.txt';

/** The CDE agency CSV (loaded by fbi-ht): read here only to state where its 2015 rows disagree with this file. */
export const HT_CDE_CSV = 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv';

export const FBI_HT_MASTER_SOURCE = {
  id: 'fbi-ht-master',
  title: 'FBI UCR Human Trafficking master file (fixed width, agency level), 2015',
  expects: HT_MASTER_FILE,
} as const;
