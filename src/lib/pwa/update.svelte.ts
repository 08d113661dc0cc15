/**
 * A new version of Hearth, installed and waiting. It takes over (the page reloads) only when the
 * person says so and nothing is running: pressed during an answer or an ingestion, the update waits
 * for the job to finish, so no answer or document is lost. register.ts feeds it; the prompt reads it.
 */
import type { RunningJob } from './busy';

/** How long the app must stay idle before a requested update takes over. */
const IDLE_GRACE_MS = 1000;

export class AppUpdateState {
  /** A new version is installed and waiting to take over. */
  isWaiting = $state(false);
  /** The person pressed Update. */
  requested = $state(false);
  applying = $state(false);
  #apply: (() => Promise<void>) | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

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

  /**
   * Called by the prompt whenever the app's job changes: applies a requested update once idle, after
   * a short grace (a finished answer is still being saved when the chat says it is done; a job that
   * starts meanwhile puts the update off again).
   */
  settle(job: RunningJob | null): void {
    if (job) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      return;
    }
    if (this.applying || !this.requested || !this.#apply || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.applying = true;
      void this.#apply?.();
    }, IDLE_GRACE_MS);
  }
}

export const appUpdate = new AppUpdateState();
