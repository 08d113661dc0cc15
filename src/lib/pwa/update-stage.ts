/** Where a waiting update stands, from what is known: pure, for the update prompt and its tests. */
import type { RunningJob } from './busy';

/** none: no new version; offer: "Update" is offered; after-job: asked for, waits for the job; applying: taking over. */
export type UpdateStage = 'none' | 'offer' | 'after-job' | 'applying';

export function updateStage(s: { waiting: boolean; requested: boolean; applying: boolean; job: RunningJob | null }): UpdateStage {
  if (!s.waiting) return 'none';
  if (s.applying) return 'applying';
  if (s.requested) return s.job ? 'after-job' : 'applying';
  return 'offer';
}
