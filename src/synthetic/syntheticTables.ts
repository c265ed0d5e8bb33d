/**
 * The reference data the synthetic generator draws from: a catalog's packet codes, its per-packet
 * statistics and the code tables. Plain data, loaded on the Node side (`src/io/loadPacketStats.ts`)
 * or built in memory by tests.
 *
 * @module
 */

/**
 * One row of a per-packet statistics table (Pingdingshan 2025 catalog, sheet `中间结果`,
 * DIP-RULES.md §3.4). Floats are fine here: they only steer sampling, never money written.
 */
export interface PacketStat {
  /** Packet code (DIP_CODE), e.g. `E07.9:06.3102`, `M12:SS`, `CP09:SS`, `KBBZ`. */
  readonly code: string;
  /** Packet average total cost m_i in yuan (DIP_AVG_FEE). */
  readonly avgCost: number;
  /** Average length of stay (AVG_IPT_DAYS); absent on the `CPnn` rows. */
  readonly avgLosDays?: number;
  /** Cost coefficient of variation (CV); absent on the `CPnn` rows. */
  readonly cv?: number;
  /** Case count (BILL_COUNT), the sampling weight; 0 when blank (the `CPnn` rows). */
  readonly caseCount: number;
}

/**
 * Everything {@link buildSyntheticModel} needs.
 *
 * @example
 * ```ts
 * const tables: SyntheticTables = {
 *   catalogCodes: ['A03.9'],
 *   packetStats: [{ code: 'A03.9', avgCost: 2203.5, avgLosDays: 6.1, cv: 0.4, caseCount: 100 }],
 *   diagnoses: ['A03.900'], greyDiagnoses: new Set(),
 *   procedures: [], greyProcedures: new Set(), procedureClasses: new Map(),
 * };
 * ```
 */
export interface SyntheticTables {
  /** The catalog's packet codes (目录.病种编码). With the statistics' own codes they make the packet universe the generator must not collide with. */
  readonly catalogCodes: readonly string[];
  /** Per-packet statistics: what is drawn, with which weight, cost and stay. */
  readonly packetStats: readonly PacketStat[];
  /** ICD-10 医保版 2.0 diagnosis codes (Code lists), as written in the table (lower-case `x`). */
  readonly diagnoses: readonly string[];
  /** Grey (not billable) diagnosis codes. */
  readonly greyDiagnoses: ReadonlySet<string>;
  /** ICD-9-CM-3 医保版 2.0 procedure codes. */
  readonly procedures: readonly string[];
  /** Grey procedure codes. */
  readonly greyProcedures: ReadonlySet<string>;
  /** Procedure code → class (手术, 介入治疗, 治疗性操作, 诊断性操作), DIP-RULES.md §3.6. */
  readonly procedureClasses: ReadonlyMap<string, string>;
}
