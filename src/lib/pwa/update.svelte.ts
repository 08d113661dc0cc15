/**
 * A new version of Hearth, installed and waiting. It takes over (the page reloads) only when the
 * person says so and nothing is running: pressed during an answer or an ingestion, the update waits
 * for the job to finish, so no answer or document is lost. register.ts feeds it; the prompt reads it.
 */
import type { RunningJob } from './busy';

export type UpdateStage = 'none' | 'offer' | 'after-job' | 'applying';

/** Where the update stands, from what is known: pure, for the prompt and its tests. */
export function updateStage(s: { waiting: boolean; requested: boolean; applying: boolean; job: RunningJob | null }): UpdateStage {
  if (!s.waiting) return 'none';
  if (s.applying) return 'applying';
  if (s.requested) return s.job ? 'after-job' : 'applying';
  return 'offer';
}

export class AppUpdateState {
  /** A new version is installed and waiting to take over. */
  isWaiting = $state(false);
  /** The person pressed Update. */
  requested = $state(false);
  applying = $state(false);
  #apply: (() => Promise<void>) | null = null;

  waiting(apply: () => Promise<void>): void {
    this.#apply = apply;
    this.isWaiting = true;
  }

  request(): void {
    this.requested = true;
  }

  /** Later: the prompt goes until the next visit, when the waiting version is offered again. */
  dismiss(): void {
    this.isWaiting = false;
    this.requested = false;
  }

  /** Called by the prompt whenever the app's job changes: applies a requested update once idle. */
  settle(job: RunningJob | null): void {
    if (this.applying || !this.requested || job || !this.#apply) return;
    this.applying = true;
    void this.#apply();
  }
}

export const appUpdate = new AppUpdateState();
