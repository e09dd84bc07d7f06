// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const FBI_HT_DIR = 'stats/fbi-ucr-human-trafficking';
export const FBI_HT_FILE = 'cde_human_trafficking_agency_2013-2020.csv';
export const FBI_HT_PATH = `${FBI_HT_DIR}/${FBI_HT_FILE}`;

export const FBI_HT_CAVEATS = [
  'Participation in the UCR human-trafficking collection is voluntary and partial, and grew from agencies in 6 states in 2013 to 44 in 2020: a rise in counts mostly reflects more agencies reporting, so counts are not comparable across years without the coverage (fbi.ht.participating_states, fbi.ht.reporting_agencies).',
  'Commercial Sex Acts (sex trafficking) and Involuntary Servitude (labor trafficking) are separate UCR subcategories; a total over both mixes the two and is not a count of sex trafficking.',
  'These are offenses known to police, not victims or prevalence: most trafficking is never reported.',
  'Actual offenses are reports minus unfounded reports, so a record can be negative when reports from an earlier period were later found unfounded (one record in 2020 is -1).',
  'Clearances in a year can refer to offenses reported in earlier years.',
  'Agency populations and population groups in the file are not used as denominators here; for rates use census.population and say so.',
  'Human trafficking (a crime against persons) is a different topic from prostitution offenses (crimes against society); never add the two.',
];

export const FBI_HT_SOURCE = {
  id: 'fbi-ht',
  title: 'FBI UCR human trafficking offenses and clearances by agency, 2013–2020',
  expects: FBI_HT_PATH,
} as const;
