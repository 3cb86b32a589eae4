// Vite builds the bundle the C++ server serves from client/dist; Vitest runs
// the client-logic tests (src/**/*.test.ts) with the same JSX settings.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    // Keep the report honest: the budget is on gzip size of the initial JS.
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev` against a local server (scripts/run.sh listens on 4000).
    proxy: {
      '/api': 'http://127.0.0.1:4000',
      '/socket': { target: 'ws://127.0.0.1:4000', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
