import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUNDING_OPTIONS, DEFAULT_UNGROUPED_OPTIONS } from '../../src/policy/schema.js';
import type { UngroupedOptions } from '../../src/policy/schema.js';
import { computeUngroupedPoints } from '../../src/points/index.js';

const rounding = DEFAULT_ROUNDING_OPTIONS;
const pol = (u: Partial<UngroupedOptions>) => ({ ungrouped: { ...DEFAULT_UNGROUPED_OPTIONS, ...u }, rounding });
const kbbz = { cost: '6000', blankPacketRw: '1000', blankPacketAverageCost: '10000' };

describe('computeUngroupedPoints (§6.5)', () => {
  it('T21 blank packet Jining: ρ 0.6 × 0.7 = 0.42 → 420.0000 points', () => {
    const r = computeUngroupedPoints(kbbz, pol({ ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.7' }));
    expect(r.ratio?.toFixed()).toBe('0.6');
    expect(r.ratio?.times(r.factor ?? 0).toFixed()).toBe('0.42');
    expect(r.points.toFixed(4)).toBe('420.0000');
  });
  it('T21 blank packet Tai\u2019an: ρ 0.6 × 0.4368 × 0.9 = 0.235872 → 235.8720 points', () => {
    const r = computeUngroupedPoints(kbbz, pol({ ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.39312' }));
    expect(r.ratio?.times(r.factor ?? 0).toFixed()).toBe('0.235872');
    expect(r.points.toFixed(4)).toBe('235.8720');
  });
  it('reportOnly (default): no points, listed with a warning', () => {
    const r = computeUngroupedPoints({ cost: '6000' }, pol({}));
    expect([r.included, r.points.toFixed(), r.issues[0]?.code]).toEqual([false, '0', 'points.ungrouped_report_only']);
  });
  it('fixedPoints and chapter packets', () => {
    expect(computeUngroupedPoints({ cost: '1' }, pol({ ungroupedPolicy: 'fixedPoints', fixedPoints: '300' })).points.toFixed(4)).toBe('300.0000');
    expect(computeUngroupedPoints({ cost: '1', chapterPacket: true }, pol({})).points.toFixed(4)).toBe('1000.0000');
    expect(computeUngroupedPoints({ cost: '1' }, pol({ ungroupedPolicy: 'fixedPoints' })).issues[0]?.code).toBe('points.ungrouped_fixed_points_missing');
  });
  it('paidAtCost: cost / PV', () => {
    const r = computeUngroupedPoints({ cost: '6000.05', pointValue: '10.5' }, pol({ ungroupedPolicy: 'paidAtCost' }));
    expect(r.points.toFixed(4)).toBe('571.4333');
    expect(r.paidAtCostAmount?.toFixed(2)).toBe('6000.05');
  });
  it('blank packet without its inputs is an error, not a zero', () => {
    const r = computeUngroupedPoints({ cost: '6000' }, pol({ ungroupedPolicy: 'blankPacket', blankPacketFactor: '0.7' }));
    expect([r.included, r.issues[0]?.severity]).toEqual([false, 'error']);
  });
});
