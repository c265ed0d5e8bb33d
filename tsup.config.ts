import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: false,
  },
  {
    // the parallel runner's worker is loaded by dist/cli.js from the same folder (src/io/parallel/scoreRecordsParallel.ts)
    entry: { cli: 'src/cli/main.ts', 'settle-worker': 'src/io/parallel/settleWorker.ts' },
    format: ['esm'],
    target: 'node20',
    sourcemap: true,
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
