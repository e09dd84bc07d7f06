// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const SERVICES_DIR = 'stats/service-directories';
export const IOM_FILE = `${SERVICES_DIR}/iom-nigeria-trafficking-service-providers/service-providers.geojson.json`;
export const TAT_FILE = `${SERVICES_DIR}/tat-human-trafficking-hotlines/hotlines.json`;
export const AWARDS_DIR = 'stats/domestic-awards';

export const SERVICES_SOURCE = {
  id: 'services',
  title: 'Service directories (Open Referral HSDS model) and domestic award records',
  expects: `${IOM_FILE}, ${TAT_FILE}, ${SERVICES_DIR}/<name>/datapackage.json (HSDS), ${AWARDS_DIR}/*.csv (USAspending assistance transactions)`,
} as const;
