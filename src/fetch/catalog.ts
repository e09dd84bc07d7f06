// Where each source's files come from, and where `cogency ingest` expects them under the data
// directory: the `fetch` entries of the source descriptors (src/sources/<id>/descriptor.ts), in
// their order. Two kinds of address there:
//  - `url`: what `cogency fetch` downloads. Where the publisher serves the exact file the importer
//    reads, that is the publisher's URL; where it does not (a CDE download behind a web app, an API
//    that answers JSON, a third-party coding), it is the pinned copy documented in
//    shared/data/stats/MANIFEST.md (repository + commit), whose bytes — and so sha256 — are known.
//  - `official`: the publisher's page or URL pattern (FORMATS.md §11), for people; marked unverified.
// Every URL is UNVERIFIED unless stated: no network was available when they were written.
import type { FetchFile, SourceDescriptor } from '../sources/descriptor.ts';
import { DESCRIPTORS } from '../sources/descriptors.ts';

export type { FetchFile } from '../sources/descriptor.ts';

export interface FetchSource {
  /** Importer id (`cogency ingest <id>`). */
  id: string;
  files: FetchFile[];
}

/** Every source that names files to fetch, with its files. */
export function catalogOf(descriptors: readonly SourceDescriptor[]): FetchSource[] {
  return descriptors.filter((d) => d.fetch.length > 0).map((d) => ({ id: d.id, files: [...d.fetch] }));
}

export const CATALOG: FetchSource[] = catalogOf(DESCRIPTORS);
