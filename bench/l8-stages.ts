/**
 * Cold, one-shot timing of the start-up stages of `dip settle` (policy, catalog + statistics, procedure classes,
 * hospitals, grouper) in a fresh process: what a 10-row run pays before its first record. Run:
 * `npx tsx bench/l8-stages.ts` (each stage once, in the CLI's order; CPU ms of this process, user + system, so that a loaded machine inflates them less than wall time).
 */
import { readFileSync } from 'node:fs';
import { decodeCatalogText, loadCatalog, parseCsv, readBytes, toRows, CATALOG_HEADER_ALIASES, STATS_HEADER_ALIASES } from '../src/io/loadCatalog.js';
import { loadProcedureClasses } from '../src/io/loadProcedureClasses.js';
import { loadHospitals } from '../src/io/loadHospitals.js';
import { resolvePolicy, validatePolicy } from '../src/policy/index.js';
import { createGrouper } from '../src/grouping/index.js';
import { buildCatalogFromRows } from '../src/catalog/buildCatalogFromRows.js';
import { canonicalJson, fnv1a64 } from '../src/catalog/contentHash.js';
import { cpuMs, loadLine } from './abSetup.js';

const fx = 'fixtures/pingdingshan-2025-dip2';
const t: [string, number][] = [];
let last = cpuMs();
const lap = (name: string): void => {
  const now = cpuMs();
  t.push([name, now - last]);
  last = now;
};
const mode = process.argv[2] ?? 'full';
if (mode === 'parts') {
  const issues: never[] = [];
  const { text } = decodeCatalogText(await readBytes(`${fx}/catalog.csv`));
  const st = decodeCatalogText(await readBytes(`${fx}/packet-stats.csv`));
  lap('read+decode');
  const recs = parseCsv(text, issues);
  const srecs = parseCsv(st.text, issues);
  lap('parseCsv x2');
  const rows = toRows(recs, CATALOG_HEADER_ALIASES, ['code', 'points'], 'c', issues);
  const srows = toRows(srecs, STATS_HEADER_ALIASES, ['code'], 's', issues);
  lap('toRows x2');
  const built = buildCatalogFromRows({ meta: { id: 'x', name: 'x', version: '' }, notation: 'pingdingshan', rows, statsRows: srows });
  lap('buildCatalogFromRows');
  const content = { packets: built.catalog.packets.map((p) => ({ ...p, line: undefined, origin: undefined })) };
  const s = canonicalJson(content);
  lap(`canonicalJson (${s.length} chars)`);
  fnv1a64(s);
  lap('fnv1a64');
} else {
  const policy = validatePolicy(JSON.parse(readFileSync('examples/small/policy.json', 'utf8')));
  if (!policy.ok) throw new Error('policy');
  const r = resolvePolicy(policy.value, '2025-12-31');
  if (!r.ok) throw new Error('resolve');
  lap('policy');
  const cat = await loadCatalog(`${fx}/catalog.csv`, { statsPath: `${fx}/packet-stats.csv` });
  lap('loadCatalog');
  const pc = await loadProcedureClasses('fixtures/icd/procedure-classes.csv');
  lap('loadProcedureClasses');
  await loadHospitals('/tmp/dip-bench/records-200000-hospitals.csv');
  lap('loadHospitals');
  createGrouper(cat.catalog, { options: r.value.grouping, auxiliary: r.value.auxiliary, procedureClasses: { get: (c) => pc.table.classOf(c) }, trace: 'summary' });
  lap('createGrouper');
}
console.log(t.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(' | '), '| load', loadLine());
