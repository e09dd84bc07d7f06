// A group of files in the data directory that no importer reads, with the reason (shared by the
// server, `cogency sources` and the explorer's sources page).
export interface NotLoadedGroup {
  /** Folder (ending in "/") or single file, relative to the data directory. */
  path: string;
  files: string[];
  bytes: number;
  reason: string;
}

/** The level a map of a family's summed measures breaks down to (countries for global sources, U.S. states otherwise). */
export type Geography = 'country' | 'state';

/**
 * What Cogency knows about a source from its descriptor (src/sources/<id>/descriptor.ts), whether
 * or not its files are present: shown on the sources page and by `cogency sources`.
 */
export interface SourceSummary {
  id: string;
  title: string;
  publisher: string;
  /** How to cite a value; placeholders {publisher} {title} {locator} {retrieved} {url} {sha256}. */
  citation: string;
  caveats: string[];
  families: { id: string; label: string; geography: Geography }[];
  /** The files the source claims: a path pattern (as people read it: `*` any name, `**` any path, YYYY a year), the format, the size cap, and why a match is not loaded (if it is not). */
  claims: { pattern: string; format: string; maxBytes: number; notLoaded: string | null }[];
  measureGroups: { measures: string[]; universe: string; counts: string; excludes: string; caveats: string[] }[];
  defaultViews: { measure: string; chart: string; place: string | null }[];
  /** Files `cogency fetch` knows a download address for. */
  fetchFiles: number;
}
