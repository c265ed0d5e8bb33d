/* eslint-disable @typescript-eslint/no-explicit-any -- the tests mutate untyped policy JSON on purpose */
import { getPreset } from '../../src/policy/presets/index.js';

/** A mutable JSON copy of the pingdingshan-2025 preset, the base of the malformed-policy table. */
export function basePolicy(): Record<string, any> {
  return JSON.parse(JSON.stringify(getPreset('pingdingshan-2025'))) as Record<string, any>;
}

/** Shortcut to the value of the first entry of a group. */
export function v0(p: Record<string, any>, group: string): Record<string, any> {
  return p.parameters[group][0].value as Record<string, any>;
}

/** Path of a field in the first entry's value of a group. */
export const vpath = (group: string, ...rest: (string | number)[]): (string | number)[] => ['parameters', group, 0, 'value', ...rest];
