// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const CIUS_DIR = 'stats/fbi-ucr-summary/cius-table69-arrests-by-state';
export const xlsFile = (year: number) => `${CIUS_DIR}/cius_${year}_arrests_by_state.xls`;
export const csvFile = (year: number) => `${CIUS_DIR}/cius_${year}_arrests_by_state_csv-export.csv`;

/** CIUS numbers the table 69, except in the 2016 edition (table 22). */
export const tableNumber = (year: number) => (year === 2016 ? 22 : 69);

export const CIUS_SOURCE = {
  id: 'fbi-cius',
  title: 'FBI Crime in the United States, Table 69 arrests by state 2013–2021 (official .xls and CSV exports)',
  expects: `${CIUS_DIR}/cius_<YEAR>_arrests_by_state.xls and/or cius_<YEAR>_arrests_by_state_csv-export.csv`,
} as const;
