import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The explorer is static files served by the API server; the dev server proxies the API.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
