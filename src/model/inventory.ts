// A group of files in the data directory that no importer reads, with the reason (shared by the
// server, `cogency sources` and the explorer's sources page).
export interface NotLoadedGroup {
  /** Folder (ending in "/") or single file, relative to the data directory. */
  path: string;
  files: string[];
  bytes: number;
  reason: string;
}
