// What the descriptor and the importer both state about the source (id, title, where it lies),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const NIBRS_DIR = 'stats/fbi-nibrs-extract';

export const NIBRS_SOURCE = {
  id: 'nibrs',
  title: 'FBI NIBRS state-year extracts: trafficking and prostitution offenses, arrestees and victims',
  expects: `${NIBRS_DIR}/<ST>-<YEAR>.zip or ${NIBRS_DIR}/<ST>-<YEAR>/ (official Crime Data Explorer extract)`,
} as const;
