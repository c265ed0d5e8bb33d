import { excerpt, issue, warning } from '../core/issue.js';
import type { Issue } from '../core/issue.js';
import { indexCatalog } from './indexCatalog.js';
import type { Catalog, Packet } from './types.js';

/**
 * Flag the core packets of a separately published primary-care list (基层病种目录) as `isPrimaryCare`
 * (DIP-RULES.md §3.1, §3.4: the Pingdingshan catalog has no flag, the lists are published separately; DIP 3.0 draft
 * ch. 3 §4; 2025 Handling Rules art. 19). Returns a new catalog (new content hash). A listed code that is not in the
 * catalog is an error issue; one that is not a core packet is an error issue; a repeated code is a warning.
 * `line` numbers are 1-based positions in `codes` unless given as `{ code, line }`.
 *
 * @example
 * ```ts
 * const { catalog: flagged, issues } = applyPrimaryCareList(catalog, ['K35.3:47.0100', 'NOPE']);
 * flagged.byCode.get('K35.3:47.0100')?.isPrimaryCare; // true
 * issues[0]?.code;                                     // 'catalog.primary_care_unknown'
 * ```
 */
export function applyPrimaryCareList(
  catalog: Catalog,
  codes: readonly (string | { readonly code: string; readonly line: number })[],
): { catalog: Catalog; issues: Issue[]; flagged: number } {
  const issues: Issue[] = [];
  const wanted = new Set<string>();
  codes.forEach((entry, i) => {
    const code = (typeof entry === 'string' ? entry : entry.code).trim();
    const line = typeof entry === 'string' ? i + 1 : entry.line;
    const p = catalog.byCode.get(code);
    if (p === undefined) {
      issues.push(issue('catalog.primary_care_unknown', `primary-care code ${excerpt(code)} is not in catalog ${catalog.id}`, { messageZh: `基层病种 ${excerpt(code)} 不在目录中`, line, column: 'code', received: excerpt(code) }));
    } else if (p.kind !== 'core') {
      issues.push(issue('catalog.primary_care_kind', `only core packets can be primary-care (基层病种); ${code} is ${p.kind}`, { line, column: 'code', received: code }));
    } else if (wanted.has(code)) {
      issues.push(warning('catalog.primary_care_duplicate', `primary-care code ${code} listed twice`, { line, column: 'code', received: code }));
    } else wanted.add(code);
  });
  const packets: Packet[] = catalog.packets.map((p) => (wanted.has(p.code) && !p.isPrimaryCare ? { ...p, isPrimaryCare: true } : p));
  const next = indexCatalog(
    {
      id: catalog.id,
      name: catalog.name,
      version: catalog.version,
      excludedPrincipalDx: catalog.excludedPrincipalDx,
      ignoredProcedures: [...catalog.ignoredProcedures],
      ...(catalog.regionAverageCost === undefined ? {} : { regionAverageCost: catalog.regionAverageCost }),
    },
    packets,
  );
  return { catalog: next, issues, flagged: wanted.size };
}
