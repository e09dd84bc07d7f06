// The inline entry of a worker thread that runs a TypeScript or compiled module.

/**
 * Code for `new Worker(code, { eval: true })` that imports `workerUrl`; where the thread has no
 * TypeScript loader (the CLI registers tsx in the main thread only), it registers tsx first and
 * imports again under a new URL (the failed import is cached). Without tsx the module must be
 * plain JavaScript (the compiled CLI).
 */
export function workerBootCode(workerUrl: URL): string {
  let tsx = '';
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    // no tsx: the worker module must then be plain JavaScript
  }
  return `import(${JSON.stringify(workerUrl.href)}).catch(async (e) => {
    if (!${JSON.stringify(tsx)} || e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    (await import(${JSON.stringify(tsx)})).register();
    await import(${JSON.stringify(`${workerUrl.href}?tsx`)});
  });`;
}
