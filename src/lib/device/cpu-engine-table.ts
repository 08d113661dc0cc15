/**
 * The CPU engines measured side by side on the same model shapes (`npm run bench -- --suite llm`,
 * random-weight shape twins, 2-core machine; see README "Models on the device" and bench/RESULTS.md).
 * cpu-engine.ts chooses from these rows; a model without a row runs on the engine its catalog pick has.
 */
import type { EngineTableRow } from './cpu-engine';

export const CPU_ENGINE_TABLE: readonly EngineTableRow[] = [];
