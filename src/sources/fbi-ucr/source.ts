// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const UCR_DIR = 'stats/fbi-ucr-summary';
export const ARRESTS_FILE = `${UCR_DIR}/cde_arrests_national_1995-2016.csv`;
export const ASR_FILE = `${UCR_DIR}/cde_asr_arrests_national_juvenile_1994-2016.csv`;
export const EST_FILE = `${UCR_DIR}/cde_estimated_crimes_by_state_1995-2016.csv`;

export const PRS_CAVEATS = [
  '“Prostitution and commercialized vice” lumps together people who sell sex, promoters (pimping, brothel keeping) and buyers; it is not a count of trafficking and cannot be split by role in the summary UCR.',
  'Arrest counts measure police activity, not how much prostitution occurs; changes in enforcement policy move them.',
];

export const FBI_UCR_SOURCE = {
  id: 'fbi-ucr',
  title: 'FBI UCR national arrest estimates, juvenile arrests by age/sex/race, and estimated crimes by state',
  expects: `${ARRESTS_FILE}, ${ASR_FILE}, ${EST_FILE}`,
} as const;
