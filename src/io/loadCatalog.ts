/**
 * Node loader for catalogs (病种库): CSV with Chinese or English headers (UTF-8, UTF-8 BOM or GB18030, detected),
 * quoted newlines (610 rows of the Pingdingshan catalog, DIP-RULES.md §3.4), optional statistics sheet; or the
 * catalog JSON format of `src/catalog/catalogJson.ts`. Also writes catalogs back (JSON, canonical CSV).
 *
 * Never throws on bad content: every problem is an `Issue`. Throws `CatalogLoadError` only when a file cannot be
 * read at all or no required column maps.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Issue } from '../core/issue.js';
import { buildCatalogFromRows } from '../catalog/buildCatalogFromRows.js';
import type { BuildCatalogResult, CatalogColumn, CatalogNotation, SourceRow, StatsColumn } from '../catalog/buildCatalogFromRows.js';
import { catalogFromJson, catalogToCsvRows, catalogToJson } from '../catalog/catalogJson.js';
import type { Catalog, CatalogMeta } from '../catalog/types.js';
import { mapHeader } from './mapHeader.js';
import type { AliasTable } from './mapHeader.js';

/** Text encoding of a catalog file; `auto` (default): UTF-8 BOM → UTF-8; valid UTF-8 → UTF-8; else GB18030. */
export type CatalogEncoding = 'auto' | 'utf-8' | 'gb18030';

/** Options of {@link loadCatalog}. */
export interface LoadCatalogOptions {
  /** Statistics CSV to join on code (Pingdingshan `packet-stats.csv`). */
  readonly statsPath?: string;
  /**
   * Procedure notation (DIP-RULES.md §3.3). Default: `pingdingshan` when the header has 病种编码 and no `main`
   * alternative columns of our canonical CSV, else `plusSlash` (the canonical CSV).
   */
  readonly notation?: CatalogNotation;
  readonly encoding?: CatalogEncoding;
  /** Catalog labels; default id/name from the file name, version ''. JSON documents carry their own. */
  readonly meta?: Partial<CatalogMeta>;
  /** See `BuildCatalogInput.statsOnlyRows`. */
  readonly statsOnlyRows?: 'add' | 'ignore';
}

/** The loader result: the built catalog, every issue, counts that reconcile. */
export type LoadCatalogResult = BuildCatalogResult;

/** Thrown only when a file cannot be read or no required column maps (nothing could be loaded at all). */
export class CatalogLoadError extends Error {
  override readonly name = 'CatalogLoadError';
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/** Header aliases of catalog columns: Pingdingshan Chinese headers, English canonical names, snake_case. */
export const CATALOG_HEADER_ALIASES: AliasTable<CatalogColumn> = {
  seq: ['序号', 'no', 'seq'],
  code: ['病种编码', '病种代码', 'dip_code', 'packet_code', '病组编码'],
  kind: ['病种类型（1.核心病种；2.综合病种）', '病种类型', 'packet_kind', 'type'],
  dx: ['主诊断代码', '主要诊断代码', '诊断编码', 'dx_code', 'diagnosis'],
  dxName: ['主诊断名称', '主要诊断名称', '诊断名称', 'dx_name'],
  main: ['主要操作代码', '主要手术操作代码', '手术操作编码', 'main_procedure', 'procedure'],
  mainName: ['主要操作名称', '主要手术操作名称', 'main_procedure_name'],
  related: ['其他操作代码', '相关手术操作代码', 'related_procedures'],
  relatedName: ['其他操作名称', '相关手术操作名称', 'related_procedure_names'],
  points: ['病种分值', '分值', 'rw', 'weight_score'],
  name: ['病种名称', 'packet_name'],
  group: ['分组', 'comprehensive_group'],
  grade: ['手术级别', 'surgical_grade'],
  layer: ['层级'],
  fallbackType: ['fallback_type'],
  chapter: ['章节'],
  primaryCare: ['基层病种', 'primary_care', 'is_primary_care'],
  averageCost: ['次均费用', 'average_cost', 'dip_avg_fee'],
  averageStay: ['平均住院日', 'average_stay', 'avg_ipt_days'],
  cv: ['变异系数'],
  caseCount: ['病例数', 'case_count', 'bill_count'],
  discussFlag: ['discuss_flag'],
  auxSubtypes: ['辅助分型', 'aux_subtypes'],
  regionAverageCost: ['region_average_cost', 'region_ave_val'],
  origin: [],
  averageCostByLevel: ['average_cost_by_level'],
};

/** Header aliases of the statistics sheet (Pingdingshan `中间结果`, DIP-RULES.md §3.4). */
export const STATS_HEADER_ALIASES: AliasTable<StatsColumn> = {
  code: ['DIP_CODE', '病种编码'],
  points: ['WEIGHT_SCORE', '病种分值'],
  averageCost: ['DIP_AVG_FEE', '次均费用'],
  regionAverageCost: ['REGION_AVE_VAL', '地区次均费用'],
  averageStay: ['AVG_IPT_DAYS', '平均住院日'],
  cv: ['变异系数'],
  caseCount: ['BILL_COUNT', '病例数'],
  discussFlag: ['DISCUSS_FLAG'],
  remark: ['REMARK', '备注'],
};

/**
 * Decode catalog bytes (DIP-RULES.md §3.4: Chinese CSVs come as UTF-8, UTF-8 with BOM, or GB18030).
 *
 * @example
 * ```ts
 * decodeCatalogText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])); // { text: 'A', encoding: 'utf-8' }
 * ```
 */
export function decodeCatalogText(bytes: Uint8Array, encoding: CatalogEncoding = 'auto'): { text: string; encoding: 'utf-8' | 'gb18030' } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'gb18030') return { text: new TextDecoder('gb18030').decode(bytes), encoding };
  const body = bom ? bytes.subarray(3) : bytes;
  if (encoding === 'utf-8' || bom) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Fast path of {@link parseCsv} for well-formed CSV: one pass over the text with `charCodeAt`/`indexOf`, no
 * csv-parse (whose per-record `info`/`raw` objects cost ~0.5 s of CPU and most of the GC on the 1.5 MB of
 * catalog, statistics and class tables that every `dip settle` loads).
 *
 * It reads exactly the grammar csv-parse accepts without error under `parseCsv`'s options (`,` delimiter, `"`
 * quote and escape, record delimiters `\r\n`, `\n`, `\r`, no trimming, no BOM handling, no comments, any number
 * of cells): a field is either unquoted (no `"` at all) or starts with `"` and ends at a `"` that is followed by
 * `,`, a record delimiter or the end of the text, with `""` standing for `"` inside. A text ending in a record
 * delimiter has no empty last record; every other delimiter-terminated piece, an empty line included, is a record
 * (then dropped as blank, as csv-parse's are). The start line counts the `\r\n`, `\r`, `\n` before the record,
 * quoted ones included, each `\r\n` once — what the csv-parse path counts in each record's `raw`.
 *
 * Returns `undefined` as soon as the text leaves that grammar (a `"` inside an unquoted field, a closing `"`
 * followed by anything else, an unclosed `"`): csv-parse then parses the whole text as before, so its
 * `csv.malformed` issues, their lines and messages and the records it skips or keeps are unchanged. Equality with
 * the csv-parse path is a property of `tests/io/parseCsvL8.equivalence.test.ts` (random texts of quotes, commas,
 * CR/LF/CRLF, BOMs, blanks; the real fixtures).
 *
 * @example
 * ```ts
 * parseWellFormedCsv('a,"x\r\ny"\n\nb\n'); // [{ cells: ['a', 'x\r\ny'], line: 1 }, { cells: ['b'], line: 4 }]
 * parseWellFormedCsv('a,b"c\n');            // undefined (csv-parse reports it)
 * ```
 */
export function parseWellFormedCsv(text: string): CsvRecord[] | undefined {
  const out: CsvRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    let more = true;
    while (more) {
      let end: number; // index of the character after the field (a delimiter or n)
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        let q = text.indexOf('"', from);
        for (;;) {
          if (q < 0) return undefined; // quote not closed
          for (let k = from; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === LF) line += 1;
            else if (c === CR) {
              line += 1;
              if (text.charCodeAt(k + 1) === LF) k += 1;
            }
          }
          if (text.charCodeAt(q + 1) !== QUOTE) break;
          value += text.slice(from, q + 1);
          from = q + 2;
          q = text.indexOf('"', from);
        }
        cells.push(value + text.slice(from, q));
        end = q + 1;
        if (end < n) {
          const c = text.charCodeAt(end);
          if (c !== COMMA && c !== LF && c !== CR) return undefined; // invalid closing quote
        }
      } else {
        let j = i;
        let c = 0;
        for (; j < n; j++) {
          c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR || c === QUOTE) break;
        }
        if (j < n && c === QUOTE) return undefined; // a quote inside an unquoted field
        cells.push(text.slice(i, j));
        end = j;
      }
      if (end >= n) {
        i = n;
        more = false;
      } else {
        const c = text.charCodeAt(end);
        i = end + 1;
        if (c !== COMMA) {
          more = false;
          line += 1;
          if (c === CR && text.charCodeAt(i) === LF) i += 1;
        }
      }
    }
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') continue; // blank line
    out.push({ cells, line: start });
  }
  return out;
}

/** One CSV record with its 1-based physical start line. */
export interface CsvRecord {
  readonly cells: readonly string[];
  readonly line: number;
}

/**
 * Parse CSV text (csv-parse; quoted newlines; `\r\n`, `\n` or `\r`) into records with their 1-based physical start
 * line; blank lines are dropped, structural errors become `csv.malformed` issues.
 *
 * @example
 * ```ts
 * parseCsv('a,b\n1,"x\ny"\n2,z\n', []); // [{ cells: ['a','b'], line: 1 }, { cells: ['1','x\ny'], line: 2 }, { cells: ['2','z'], line: 4 }]
 * ```
 */
export function parseCsv(text: string, issues: Issue[]): CsvRecord[] {
  const fast = parseWellFormedCsv(text);
  if (fast !== undefined) return fast;
  const out: CsvRecord[] = [];
  const records = parse(text, {
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: false,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_records_with_error: true,
    on_skip: (err: unknown) => {
      const e = err as { message?: string; lines?: number };
      issues.push({ severity: 'error', code: 'csv.malformed', message: `CSV record skipped: ${e.message ?? String(err)}`, ...(e.lines === undefined ? {} : { line: e.lines }) });
    },
  }) as unknown as { record: string[]; raw: string }[];
  let line = 1;
  for (const r of records) {
    const start = line;
    line += (r.raw.match(/\r\n|\r|\n/gu) ?? []).length;
    if (r.record.length === 1 && (r.record[0] ?? '').trim() === '') continue; // blank line
    out.push({ cells: r.record, line: start });
  }
  return out;
}

/** Map CSV records to canonical rows by header aliases; throws `CatalogLoadError` when a required column is missing. */
export function toRows<C extends string>(records: readonly CsvRecord[], aliases: AliasTable<C>, required: readonly C[], file: string, issues: Issue[]): SourceRow<C>[] {
  const header = records[0];
  if (header === undefined) throw new CatalogLoadError(`${file}: empty file, no header`);
  const { mapping, issues: headerIssues } = mapHeader(header.cells, aliases, { required });
  const fatal = headerIssues.filter((i) => i.severity === 'error' && i.code === 'header.missing_required');
  if (fatal.length > 0) throw new CatalogLoadError(`${file}: ${fatal.map((i) => i.message).join('; ')}`, headerIssues);
  issues.push(...headerIssues.map((i) => ({ ...i, line: header.line })));
  // The mapping's columns and cell indices as two arrays, in the Map's order, taken once instead of iterating the
  // Map (one iterator and one entry array per column) for each row: the cells objects get the same keys in the
  // same order (tests/io/toRowsL8.equivalence.test.ts).
  const columns = [...mapping.columns.keys()];
  const indices = [...mapping.columns.values()];
  const width = mapping.width;
  const out: SourceRow<C>[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    const rc = rec.cells;
    if (rc.length !== width) {
      issues.push({ severity: 'warning', code: 'csv.column_count', message: `${file}: line ${rec.line} has ${rc.length} cells, the header ${width}`, line: rec.line, expected: String(width), received: String(rc.length) });
    }
    const cells: Partial<Record<C, string>> = {};
    for (let k = 0; k < columns.length; k++) {
      const v = rc[indices[k]!];
      if (v !== undefined) cells[columns[k]!] = v;
    }
    out.push({ line: rec.line, cells });
  }
  return out;
}

/** Read a file, throwing `CatalogLoadError` when it cannot be read. */
export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    throw new CatalogLoadError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function baseName(path: string): string {
  return (path.split(/[\\/]/u).pop() ?? path).replace(/\.[^.]*$/u, '');
}

/**
 * Load a catalog from a CSV (with an optional statistics CSV) or from our catalog JSON (DIP-RULES.md §3.3, §3.4).
 *
 * @example
 * ```ts
 * const { catalog, issues, summary } = await loadCatalog('fixtures/pingdingshan-2025-dip2/catalog.csv', {
 *   statsPath: 'fixtures/pingdingshan-2025-dip2/packet-stats.csv', notation: 'pingdingshan',
 * });
 * catalog.packets.length; // 4536 (4,444 catalog packets + 88 CPnn + KBBZ + 3 U07 statistics-only packets)
 * issues.filter((i) => i.severity === 'error').length; // 0
 * ```
 */
export async function loadCatalog(path: string, options: LoadCatalogOptions = {}): Promise<LoadCatalogResult> {
  const { text } = decodeCatalogText(await readBytes(path), options.encoding);
  const meta: CatalogMeta = {
    id: options.meta?.id ?? baseName(path),
    name: options.meta?.name ?? baseName(path),
    version: options.meta?.version ?? '',
    ...(options.meta?.regionAverageCost === undefined ? {} : { regionAverageCost: options.meta.regionAverageCost }),
    ...(options.meta?.excludedPrincipalDx === undefined ? {} : { excludedPrincipalDx: options.meta.excludedPrincipalDx }),
    ...(options.meta?.ignoredProcedures === undefined ? {} : { ignoredProcedures: options.meta.ignoredProcedures }),
  };
  if (/\.json$/iu.test(path) || /^\s*\{/u.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      const issue: Issue = { severity: 'error', code: 'catalog.json_syntax', message: `${path}: ${(err as Error).message}` };
      const r = catalogFromJson({});
      return { ...r, issues: [issue], summary: { ...r.summary, errors: 1 } };
    }
    return catalogFromJson(json);
  }
  const issues: Issue[] = [];
  const records = parseCsv(text, issues);
  const rows = toRows(records, CATALOG_HEADER_ALIASES, ['code', 'points'], path, issues);
  const headerCells = records[0]?.cells ?? [];
  const notation = options.notation ?? (headerCells.some((c) => c.trim().replace(/^\uFEFF/u, '') === '病种编码') ? 'pingdingshan' : 'plusSlash');
  let statsRows: SourceRow<StatsColumn>[] | undefined;
  if (options.statsPath !== undefined) {
    const stats = decodeCatalogText(await readBytes(options.statsPath), options.encoding);
    statsRows = toRows(parseCsv(stats.text, issues), STATS_HEADER_ALIASES, ['code'], options.statsPath, issues);
  }
  const built = buildCatalogFromRows({
    meta,
    notation,
    rows,
    ...(statsRows === undefined ? {} : { statsRows }),
    ...(options.statsOnlyRows === undefined ? {} : { statsOnlyRows: options.statsOnlyRows }),
  });
  const all = [...issues, ...built.issues];
  return {
    catalog: built.catalog,
    issues: all,
    summary: { ...built.summary, errors: all.filter((i) => i.severity === 'error').length, warnings: all.filter((i) => i.severity === 'warning').length },
  };
}

/**
 * Write a catalog as our JSON document (pretty-printed, UTF-8).
 *
 * @example
 * ```ts
 * await writeCatalogJson(catalog, 'out/catalog.json'); // loadCatalog('out/catalog.json') gives the same content hash
 * ```
 */
export async function writeCatalogJson(catalog: Catalog, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(catalogToJson(catalog), null, 2)}\n`, 'utf8');
}

function csvCell(s: string): string {
  return /[",\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

/**
 * Write a catalog as canonical CSV (UTF-8, `\n`, English headers; read back with notation `plusSlash`).
 *
 * @example
 * ```ts
 * await writeCatalogCsv(catalog, 'out/catalog.csv'); // loadCatalog('out/catalog.csv') gives the same content hash
 * ```
 */
export async function writeCatalogCsv(catalog: Catalog, path: string): Promise<void> {
  await writeFile(path, `${catalogToCsvRows(catalog).map((r) => r.map(csvCell).join(',')).join('\n')}\n`, 'utf8');
}
