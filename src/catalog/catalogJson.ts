/**
 * The catalog JSON format (`dip-engine.catalog`, version 1) and the canonical CSV rows of a catalog: both written
 * from a built {@link Catalog} and read back to an equal catalog (same packets, same content hash). Pure.
 *
 * @module
 */
import { issue, warning } from '../core/issue.js';
import type { Issue } from '../core/issue.js';
import type { Yuan } from '../decimal/brands.js';
import { CATALOG_JSON_FORMAT, catalogJsonSchema, packetSchema } from './catalogSchema.js';
import type { BuildCatalogResult, CatalogBuildSummary } from './buildCatalogFromRows.js';
import { indexCatalog } from './indexCatalog.js';
import type { Catalog, CatalogMeta, DxMatcher, DxSet, Packet, PacketKind, ProcedureRef } from './types.js';
import { COMPREHENSIVE_GROUP_CODE } from './types.js';

/** The JSON document of a catalog (what `JSON.stringify(catalogToJson(c))` writes). */
export interface CatalogJson {
  readonly format: typeof CATALOG_JSON_FORMAT;
  readonly formatVersion: 1;
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly contentHash: string;
  readonly regionAverageCost?: string;
  readonly excludedPrincipalDx: DxSet;
  readonly ignoredProcedures: readonly string[];
  readonly packets: readonly Packet[];
}

/**
 * Serialise a catalog to its JSON document (lookup maps are derived again on reading).
 *
 * @example
 * ```ts
 * const json = catalogToJson(catalog);
 * json.format;          // 'dip-engine.catalog'
 * json.packets.length;  // catalog.packets.length
 * ```
 */
export function catalogToJson(catalog: Catalog): CatalogJson {
  return {
    format: CATALOG_JSON_FORMAT,
    formatVersion: 1,
    id: catalog.id,
    name: catalog.name,
    version: catalog.version,
    contentHash: catalog.contentHash,
    ...(catalog.regionAverageCost === undefined ? {} : { regionAverageCost: catalog.regionAverageCost }),
    excludedPrincipalDx: catalog.excludedPrincipalDx,
    ignoredProcedures: [...catalog.ignoredProcedures].sort(),
    packets: catalog.packets,
  };
}

function zodPathIssues(prefix: (string | number)[], zi: readonly { path: PropertyKey[]; message: string; code: string }[]): Issue[] {
  return zi.map((z) => {
    const path = [...prefix, ...z.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    return issue('catalog.json_invalid', `${path.join('.')}: ${z.message}`, { messageZh: `目录 JSON 无效：${path.join('.')}`, path, expected: z.code });
  });
}

/**
 * Read a catalog JSON document (already parsed with `JSON.parse`). The document envelope must be valid, else the
 * catalog is empty and every problem is an issue; each packet is validated alone, so a bad packet is reported
 * (path `['packets', i]`) and skipped while the others load. A stored `contentHash` that differs from the
 * recomputed one gives a warning `catalog.hash_mismatch`.
 *
 * @example
 * ```ts
 * const back = catalogFromJson(JSON.parse(JSON.stringify(catalogToJson(catalog))));
 * back.catalog.contentHash === catalog.contentHash; // true
 * ```
 */
export function catalogFromJson(json: unknown): BuildCatalogResult {
  const issues: Issue[] = [];
  const env = catalogJsonSchema.safeParse(json);
  const empty = (meta: CatalogMeta): BuildCatalogResult => result(meta, [], issues, 0, 0);
  if (!env.success) {
    issues.push(...zodPathIssues([], env.error.issues));
    return empty({ id: '', name: '', version: '' });
  }
  const doc = env.data;
  const meta: CatalogMeta = {
    id: doc.id,
    name: doc.name,
    version: doc.version,
    ...(doc.regionAverageCost === undefined ? {} : { regionAverageCost: doc.regionAverageCost as Yuan }),
    ...(doc.excludedPrincipalDx === undefined ? {} : { excludedPrincipalDx: doc.excludedPrincipalDx as DxSet }),
    ...(doc.ignoredProcedures === undefined ? {} : { ignoredProcedures: doc.ignoredProcedures }),
  };
  const packets: Packet[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  doc.packets.forEach((raw, i) => {
    const r = packetSchema.safeParse(raw);
    if (!r.success) {
      issues.push(...zodPathIssues(['packets', i], r.error.issues));
      rejected += 1;
      return;
    }
    const p = r.data as unknown as Packet;
    if (seen.has(p.code)) {
      issues.push(issue('catalog.duplicate_code', `duplicate packet code ${p.code}`, { messageZh: `病种编码重复：${p.code}`, path: ['packets', i, 'code'], received: p.code }));
      rejected += 1;
      return;
    }
    seen.add(p.code);
    packets.push(p);
  });
  const out = result(meta, packets, issues, doc.packets.length, rejected);
  if (doc.contentHash !== undefined && doc.contentHash !== out.catalog.contentHash) {
    issues.push(warning('catalog.hash_mismatch', `stored content hash ${doc.contentHash} differs from the recomputed ${out.catalog.contentHash}`, { messageZh: '目录内容哈希不一致', path: ['contentHash'], expected: out.catalog.contentHash, received: doc.contentHash }));
    return { ...out, summary: { ...out.summary, warnings: out.summary.warnings + 1 } };
  }
  return out;
}

function result(meta: CatalogMeta, packets: Packet[], issues: Issue[], rows: number, rejected: number): BuildCatalogResult {
  const catalog = indexCatalog(meta, packets);
  const byKind: Record<PacketKind, number> = { core: 0, comprehensive: 0, tcm: 0, fallback: 0 };
  for (const p of packets) byKind[p.kind] += 1;
  const summary: CatalogBuildSummary = {
    rows,
    accepted: rows - rejected,
    rejected,
    statsRows: 0,
    statsJoined: 0,
    statsOnlyAdded: 0,
    statsIgnored: 0,
    statsRejected: 0,
    packets: packets.length,
    byKind,
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
  };
  return { catalog, issues, summary };
}

/**
 * Write a diagnosis matcher in the DIP 3.0 diagnosis notation read by `parseDip3Diagnosis` (DIP-RULES.md §3.3).
 *
 * @example
 * ```ts
 * formatDxMatcher({ kind: 'set', items: [{ kind: 'range', from: 'I00', to: 'I99' }] }); // 'I00-I99'
 * formatDxMatcher({ kind: 'any' }); // '所有诊断'
 * ```
 */
export function formatDxMatcher(dx: DxMatcher): string {
  switch (dx.kind) {
    case 'subcategory':
      return dx.key;
    case 'category':
      return dx.mark === undefined ? dx.key : `${dx.key}${dx.mark === 'dagger' ? '+' : '*'}`;
    case 'any':
      return '所有诊断';
    case 'set':
      return dx.items.map((i) => (i.kind === 'range' ? `${i.from}-${i.to}` : i.kind === 'prefix' ? i.prefix : i.code)).join('|');
  }
}

/** Write procedure groups in the slash/plus notation (`A/B+C`) read by `parsePlusSlash` (DIP-RULES.md §3.3). */
export function formatProcedureGroups(groups: readonly (readonly ProcedureRef[])[]): string {
  return groups.map((g) => g.map((p) => p.code).join('/')).join('+');
}

/** Columns of the canonical catalog CSV, in order (read back with notation `plusSlash`). */
export const CANONICAL_CSV_COLUMNS = [
  'code',
  'kind',
  'primaryCare',
  'name',
  'dx',
  'main',
  'related',
  'points',
  'group',
  'grade',
  'layer',
  'fallbackType',
  'chapter',
  'averageCost',
  'averageStay',
  'cv',
  'caseCount',
  'discussFlag',
  'auxSubtypes',
  'regionAverageCost',
  'origin',
  'averageCostByLevel',
] as const;

/**
 * The canonical CSV rows of a catalog (header first): `dx` in the DIP 3.0 diagnosis notation, `main` as one any-of
 * group and `related` as slash/plus groups, auxiliary subtypes and per-level average costs as JSON cells, `M` repeated on every row. Limitation: a `set` matcher holding
 * a single category-shaped prefix (`K35`) reads back as a `category` matcher; use JSON for such catalogs.
 *
 * @example
 * ```ts
 * catalogToCsvRows(catalog)[0]; // ['code', 'kind', 'primaryCare', 'name', 'dx', 'main', 'related', 'points', …]
 * ```
 */
export function catalogToCsvRows(catalog: Catalog): string[][] {
  const rows: string[][] = [[...CANONICAL_CSV_COLUMNS]];
  for (const p of catalog.packets) {
    const r: Record<(typeof CANONICAL_CSV_COLUMNS)[number], string> = {
      code: p.code,
      kind: p.kind,
      primaryCare: p.isPrimaryCare ? '1' : '0',
      name: p.name ?? '',
      dx: formatDxMatcher(p.dx),
      main: formatProcedureGroups(p.main.length === 0 ? [] : [p.main]),
      related: formatProcedureGroups(p.related),
      points: p.points,
      group: p.kind === 'comprehensive' || (p.kind === 'fallback' && p.group !== undefined) ? COMPREHENSIVE_GROUP_CODE[p.group as 'surgery'] : '',
      grade: p.kind === 'comprehensive' && p.grade !== undefined ? String(p.grade) : '',
      layer: p.kind === 'core' && p.layer !== undefined ? p.layer : '',
      fallbackType: p.kind === 'fallback' ? p.fallbackType : '',
      chapter: p.kind === 'fallback' && p.chapter !== undefined ? p.chapter : '',
      averageCost: p.averageCost ?? '',
      averageStay: p.averageStay ?? '',
      cv: p.cv ?? '',
      caseCount: p.caseCount === undefined ? '' : String(p.caseCount),
      discussFlag: p.discussFlag === undefined ? '' : p.discussFlag ? '1' : '0',
      auxSubtypes: p.auxSubtypes === undefined ? '' : JSON.stringify(p.auxSubtypes),
      regionAverageCost: catalog.regionAverageCost ?? '',
      origin: p.origin ?? '',
      averageCostByLevel: p.averageCostByLevel === undefined ? '' : JSON.stringify(p.averageCostByLevel),
    };
    rows.push(CANONICAL_CSV_COLUMNS.map((c) => r[c]));
  }
  return rows;
}
