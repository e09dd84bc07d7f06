// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const UCR_DIR = 'stats/fbi-ucr-summary';
export const ARRESTS_JSON = `${UCR_DIR}/cde_api_arrests_national_reported_2012-2022.json`;
export const ASR_ADULT_FILE = `${UCR_DIR}/cde_asr_arrests_national_adult_1994-2016.csv`;
export const EST_LONG_FILE = `${UCR_DIR}/cde_estimated_crimes_by_state_1979-2023.csv`;

/** The older copy of the same series (loaded by fbi-ucr); read here only to state where the two disagree. */
export const EST_OLD_FILE = `${UCR_DIR}/cde_estimated_crimes_by_state_1995-2016.csv`;

export const PARTICIPATION_FILE = `${UCR_DIR}/cde_ucr_participation_by_state_1960-2021.csv`;

export const PRS_CAVEATS = [
  '“Prostitution and commercialized vice” lumps together people who sell sex, promoters (pimping, brothel keeping) and buyers; it is not a count of trafficking and cannot be split by role in the summary UCR.',
  'Arrest counts measure police activity, not how much prostitution or trafficking occurs; changes in enforcement policy move them.',
];

export const FBI_CDE_SOURCE = {
  id: 'fbi-cde',
  title: 'FBI Crime Data Explorer: national reported arrests 2012–2022, adult ASR 1994–2016, estimated crimes 1979–2023, UCR participation 1960–2021',
  expects: `${ARRESTS_JSON}, ${ASR_ADULT_FILE}, ${EST_LONG_FILE}, ${PARTICIPATION_FILE}`,
} as const;
