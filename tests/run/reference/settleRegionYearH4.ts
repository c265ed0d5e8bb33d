/**
 * Frozen copy of `settleRegionYear` at a242c96 (src/run/settleRegionYear.ts): the loop that awaits the async
 * `accepted` / `rejected` of the run state for every row. The scorer and the state are the real, unchanged modules
 * (`createCaseScorer`, `createRunState`): only the loop around them is frozen. Reference of
 * `tests/run/settleRegionYearNowH4.test.ts`.
 *
 * @module
 */
import { createCaseScorer } from '../../../src/run/caseScorer.js';
import { createRunState } from '../../../src/run/runState.js';
import type { RegionYearInput, RunSinks } from '../../../src/run/settleRegionYear.js';
import type { SettlementRun } from '../../../src/run/types.js';

export async function settleRegionYearH4(input: RegionYearInput, sinks: RunSinks = {}): Promise<SettlementRun> {
  const scorer = createCaseScorer(input);
  const state = createRunState(input, sinks);
  await state.start();
  for await (const item of input.records) {
    if (item.ok === 'fileIssues') await state.fileIssues(item.issues);
    else if (!item.ok) await state.rejected(item.line, item.issues);
    else await state.accepted(scorer.score(item.record, item.line, item.warnings));
  }
  return state.finish();
}
