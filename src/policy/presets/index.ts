import type { RegionPolicy } from '../schema.js';
import { HUBEI_BASE_2023 } from './hubeiBase2023.js';
import { JINING_2023 } from './jining2023.js';
import { NATIONAL_2020 } from './national2020.js';
import { NATIONAL_2024 } from './national2024.js';
import { PINGDINGSHAN_2025 } from './pingdingshan2025.js';
import { TAIAN_2023 } from './taian2023.js';

/** Names of the built-in presets. */
export const PRESET_NAMES = ['national-2020', 'national-2024', 'hubei-base-2023', 'jining-2023', 'taian-2023', 'pingdingshan-2025'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const PRESETS: Readonly<Record<PresetName, RegionPolicy>> = {
  'national-2020': NATIONAL_2020,
  'national-2024': NATIONAL_2024,
  'hubei-base-2023': HUBEI_BASE_2023,
  'jining-2023': JINING_2023,
  'taian-2023': TAIAN_2023,
  'pingdingshan-2025': PINGDINGSHAN_2025,
};

/** Whether `name` is a preset name. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/**
 * A built-in region policy preset, as a fresh deep copy (safe to modify). Throws for an unknown name
 * (a programmer error; check with `isPresetName` for user input).
 *
 * @example
 * ```ts
 * getPreset('jining-2023').regionCode   // '370800'
 * ```
 */
export function getPreset(name: PresetName): RegionPolicy {
  const p = PRESETS[name];
  if (p === undefined) throw new Error(`getPreset(): unknown preset "${String(name)}"; known: ${PRESET_NAMES.join(', ')}`);
  return JSON.parse(JSON.stringify(p)) as RegionPolicy;
}

export { HUBEI_BASE_2023, JINING_2023, NATIONAL_2020, NATIONAL_2024, PINGDINGSHAN_2025, TAIAN_2023 };
export { SOURCE_LIBRARY, pickSources, type SourceKey } from './sources.js';
export { ENGINE_ASSUMED, assumedFor } from './common.js';
