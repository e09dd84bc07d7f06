// `cogency ingest law`: the law corpus under <data>/law as one source version (see store.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Importer } from '../sources/importer.ts';
import { fillLaw, lawFiles, lawInputPaths } from './store.ts';
import { LAW_DESCRIPTION, LAW_DIR, LAW_SOURCE } from './source.ts';

export const lawImporter: Importer = {
  ...LAW_SOURCE,

  async discover(dataDir) {
    const lawDir = join(dataDir, LAW_DIR);
    if (!existsSync(lawDir)) return [];
    const files = await lawInputPaths(await lawFiles(lawDir));
    if (files.length === 0) return [];
    const manifest = join(lawDir, 'manifest.json');
    return [{ description: { ...LAW_DESCRIPTION }, files: existsSync(manifest) ? [manifest, ...files] : files }];
  },

  async load(_spec, stage, dataDir) {
    await fillLaw(stage, join(dataDir, LAW_DIR), dataDir);
  },
};
