#!/bin/bash
# Build the CLI and the settle worker only (no type declarations: ~3 s instead of ~75 s) into DIR (default /tmp/p10/dist),
# from the source tree SRC (default the current directory), as tsup's second config does: esm, node20, source maps.
# usage: bench/p10-build.sh [DIR] [SRC]
set -e
out=${1:-/tmp/p10/dist}
src=${2:-.}
cd "$src"
npx esbuild src/cli/main.ts src/io/parallel/settleWorker.ts --bundle --platform=node --format=esm --target=node20 --sourcemap \
  --packages=external --outdir="$out" --entry-names='[name]' --log-level=warning '--banner:js=#!/usr/bin/env node'
mv "$out/main.js" "$out/cli.js"; mv "$out/main.js.map" "$out/cli.js.map"
mv "$out/settleWorker.js" "$out/settle-worker.js"; mv "$out/settleWorker.js.map" "$out/settle-worker.js.map"
