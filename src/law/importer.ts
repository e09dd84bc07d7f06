// `cogency ingest law`: the law corpus under <data>/law as one source version (see store.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Importer } from '../sources/importer.ts';
import { fillLaw, LAW_DESCRIPTION, lawFiles, lawInputPaths } from './store.ts';

const DIR = 'law';

export const lawImporter: Importer = {
  id: 'law',
  title: 'Bills, enacted laws and statutes, with provision analysis',
  expects: `${DIR}/ (manifest.json and texts/, or any bill and statute files; LegiScan session dataset ZIPs or unpacked folders)`,

  async discover(dataDir) {
    const lawDir = join(dataDir, DIR);
    if (!existsSync(lawDir)) return [];
    const files = await lawInputPaths(await lawFiles(lawDir));
    if (files.length === 0) return [];
    const manifest = join(lawDir, 'manifest.json');
    return [{ description: { ...LAW_DESCRIPTION }, files: existsSync(manifest) ? [manifest, ...files] : files }];
  },

  async load(_spec, stage, dataDir) {
    await fillLaw(stage, join(dataDir, DIR), dataDir);
  },
};
