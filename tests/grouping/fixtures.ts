/** Loads the Pingdingshan 2025 catalog and the procedure class table from `fixtures/` once per test file. */
import { readFileSync } from 'node:fs';
import type { Catalog, ProcedureClass } from '../../src/catalog/types.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';

export const CATALOG_CSV = 'fixtures/pingdingshan-2025-dip2/catalog.csv';
export const STATS_CSV = 'fixtures/pingdingshan-2025-dip2/packet-stats.csv';
export const CLASSES_CSV = 'fixtures/icd/procedure-classes.csv';

const CLASS_WORDS: Readonly<Record<string, ProcedureClass>> = {
  手术: 'surgery',
  介入治疗: 'interventional',
  治疗性操作: 'therapeutic',
  诊断性操作: 'diagnostic',
};

/** `fixtures/icd/procedure-classes.csv` (code, class in Chinese) → Map, codes lower-case `x` as in 医保版 2.0. */
export function loadClassTable(path = CLASSES_CSV): Map<string, ProcedureClass> {
  const out = new Map<string, ProcedureClass>();
  const lines = readFileSync(path, 'utf8').split(/\r?\n/u);
  for (const line of lines.slice(1)) {
    const [code, word] = line.split(',');
    if (code === undefined || word === undefined) continue;
    const k = CLASS_WORDS[word.trim()];
    if (k !== undefined) out.set(code.trim().replace(/X/gu, 'x'), k);
  }
  return out;
}

let cached: Promise<Catalog> | undefined;
/** The Pingdingshan catalog with its statistics sheet (4,444 packets + 92 statistics-only rows). */
export function pingdingshan(): Promise<Catalog> {
  cached ??= loadCatalog(CATALOG_CSV, { statsPath: STATS_CSV }).then((r) => r.catalog);
  return cached;
}
