/**
 * Tells a busy worker from a hung one while calls to it are pending (no timer runs otherwise, so an
 * idle tab costs nothing). Every tick the page pings the worker; any message from it proves that its
 * event loop runs. A worker that closed itself, spins in a loop or died without an error event
 * sends nothing, and is declared hung once it has been silent for the deadline.
 *
 * A worker can also answer pings while a call will never finish (a runtime left wedged when a task
 * was killed mid-inference). Calls given a progress budget catch that: the worker is hung when no
 * call has sent an event or a result for that long.
 *
 * Silence is counted in ticks rather than read from a clock: a hidden tab's timers are throttled
 * (Chromium: once a minute after a while), and a clock would then count the throttled wait as
 * silence although the worker answered every ping at once. Counting ticks can only detect late.
 */

export interface LivenessOptions {
  /** How often to ping while calls are pending. */
  intervalMs: number;
  /** Silence (no message at all) after which the worker is hung. */
  deadlineMs: number;
  ping: () => void;
  /** Called once, after the watch stopped; `detail` says what was missed (for logs and tests). */
  onHung: (detail: string) => void;
}

interface Watched {
  label: string;
  /** Time without progress after which this call counts as hung; undefined: pongs are enough. */
  budgetMs: number | undefined;
  stalledMs: number;
}

export class Liveness {
  readonly #options: LivenessOptions;
  #timer: ReturnType<typeof setInterval> | null = null;
  #watched = new Map<number, Watched>();
  /** A message arrived since the last tick (any kind). */
  #heard = false;
  /** An event, result or error arrived since the last tick: some call moved on. */
  #progressed = false;
  #silentMs = 0;

  constructor(options: LivenessOptions) {
    if (!(options.intervalMs > 0) || !(options.deadlineMs >= options.intervalMs)) {
      throw new RangeError(`liveness: need 0 < intervalMs <= deadlineMs (got ${options.intervalMs}, ${options.deadlineMs})`);
    }
    this.#options = options;
  }

  /** Whether a timer runs (true exactly while calls are watched). */
  get running(): boolean {
    return this.#timer !== null;
  }

  /** Watch a call from now on; the first watched call starts the timer. */
  watch(id: number, label: string, progressBudgetMs?: number): void {
    this.#watched.set(id, { label, budgetMs: progressBudgetMs, stalledMs: 0 });
    if (this.#timer) return;
    // The silence counts from the first pending call: an idle worker owes nobody a message.
    this.#silentMs = 0;
    this.#heard = false;
    this.#progressed = false;
    this.#timer = setInterval(() => this.#tick(), this.#options.intervalMs);
  }

  /** The call ended (answered, failed or abandoned); the last one stops the timer. */
  unwatch(id: number): void {
    this.#watched.delete(id);
    if (this.#watched.size === 0) this.stop();
  }

  /** The worker sent something; `progress`: an event, result or error (not just a pong). */
  heard(progress: boolean): void {
    this.#heard = true;
    if (progress) this.#progressed = true;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#watched.clear();
  }

  #tick(): void {
    const { intervalMs, deadlineMs } = this.#options;
    this.#silentMs = this.#heard ? 0 : this.#silentMs + intervalMs;
    // Progress on any call resets every call: work queued behind another call waits for that one.
    for (const w of this.#watched.values()) w.stalledMs = this.#progressed ? 0 : w.stalledMs + intervalMs;
    this.#heard = false;
    this.#progressed = false;
    if (this.#silentMs >= deadlineMs) return this.#hung(`no message for ${this.#silentMs} ms`);
    const stalled = [...this.#watched.values()].find((w) => w.budgetMs !== undefined && w.stalledMs >= w.budgetMs);
    if (stalled) return this.#hung(`no progress on ${stalled.label} for ${stalled.stalledMs} ms`);
    this.#options.ping();
  }

  #hung(detail: string): void {
    this.stop();
    this.#options.onHung(detail);
  }
}
