/**
 * Auditors' environment: the golden runner and the property files read an auditor's own policy, catalog and case
 * directory from environment variables, so that the same suite checks a region's own rules (see AUDITING.md).
 *
 * - `DIP_AUDIT_POLICY=path/to/policy.json` — a region policy (validated with `validatePolicy`); golden cases that
 *   name neither `preset` nor `policy` use it, and the case-points properties run on it in addition to the presets.
 * - `DIP_AUDIT_DATE=YYYY-MM-DD` — the date the auditor's policy is resolved at in the properties (default: the
 *   first `from` date of its outlier section).
 * - `DIP_AUDIT_CATALOG=path/to/catalog.csv` — a packet catalog (`loadCatalog`); the case-points properties then
 *   draw RW values from its packets instead of random ones.
 * - `DIP_AUDIT_CASES=dir1:dir2` — extra directories of golden case JSON files.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validatePolicy, resolvePolicy, getPreset, isPresetName } from '../../src/policy/index.js';
import type { RegionPolicy, ResolvedPolicy } from '../../src/policy/index.js';
import { loadCatalog } from '../../src/io/loadCatalog.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Read and validate a policy JSON file; throws with every issue listed when it is invalid. */
export function readPolicyFile(path: string): RegionPolicy {
  const abs = isAbsolute(path) ? path : resolve(process.cwd(), path);
  const raw: unknown = JSON.parse(readFileSync(abs, 'utf8'));
  const r = validatePolicy(raw);
  if (!r.ok) throw new Error(`${abs}: invalid policy:\n${r.issues.map((i) => `  ${i.code}: ${i.message}`).join('\n')}`);
  return r.value;
}

/** A preset name or a policy file, resolved at `date`; throws when nothing is in force. */
export function resolveNamed(source: { preset?: string | undefined; policyPath?: string | undefined }, date: string): ResolvedPolicy {
  let policy: RegionPolicy;
  if (source.preset !== undefined) {
    if (!isPresetName(source.preset)) throw new Error(`unknown preset "${source.preset}"`);
    policy = getPreset(source.preset);
  } else if (source.policyPath !== undefined) policy = readPolicyFile(source.policyPath);
  else throw new Error('neither a preset nor a policy file');
  const r = resolvePolicy(policy, date);
  if (!r.ok) throw new Error(`policy ${policy.id} at ${date}:\n${r.issues.map((i) => `  ${i.code}: ${i.message}`).join('\n')}`);
  return r.value;
}

/** The auditor's policy from `DIP_AUDIT_POLICY`, resolved at `DIP_AUDIT_DATE` (or its outlier section's first date). */
export function auditPolicy(): { name: string; policy: ResolvedPolicy } | undefined {
  const path = process.env.DIP_AUDIT_POLICY;
  if (path === undefined || path === '') return undefined;
  const p = readPolicyFile(path);
  const date = process.env.DIP_AUDIT_DATE ?? p.parameters.outlier?.[0]?.from;
  if (date === undefined) throw new Error(`${path}: set DIP_AUDIT_DATE (the policy has no outlier section)`);
  return { name: `DIP_AUDIT_POLICY ${path} @ ${date}`, policy: resolveNamed({ policyPath: path }, date) };
}

/** RW values of the auditor's catalog (`DIP_AUDIT_CATALOG`), positive ones only, as decimal strings. */
export async function auditCatalogRws(): Promise<string[] | undefined> {
  const path = process.env.DIP_AUDIT_CATALOG;
  if (path === undefined || path === '') return undefined;
  const r = await loadCatalog(isAbsolute(path) ? path : resolve(process.cwd(), path));
  const rws = r.catalog.packets.map((p) => String(p.points)).filter((s) => Number(s) > 0);
  if (rws.length === 0) throw new Error(`${path}: no packet with positive points`);
  return rws;
}
