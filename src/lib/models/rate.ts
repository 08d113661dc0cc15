/**
 * Download speed and time left from a stream of (bytes so far, time) samples: an exponential moving
 * average of the rate, so one slow or fast chunk does not make "time left" jump around. Bytes that were
 * already there when the meter started (a resumed download) are not counted as speed.
 */

export interface RateOptions {
  /** After this long, an old rate counts half (default 3 s). */
  halfLifeMs?: number;
  /** Samples closer together than this are merged into the next one (default 250 ms). */
  minIntervalMs?: number;
}

export class RateMeter {
  readonly #halfLifeMs: number;
  readonly #minIntervalMs: number;
  #lastBytes: number | null = null;
  #lastTime = 0;
  #rate: number | null = null;

  constructor(options: RateOptions = {}) {
    this.#halfLifeMs = options.halfLifeMs ?? 3000;
    this.#minIntervalMs = options.minIntervalMs ?? 250;
  }

  /** Record the bytes loaded so far at `nowMs` (any monotonic clock). */
  sample(bytes: number, nowMs: number): void {
    if (this.#lastBytes === null || bytes < this.#lastBytes) {
      // First sample, or the download started over: measure from here.
      if (this.#lastBytes !== null) this.#rate = null;
      this.#lastBytes = bytes;
      this.#lastTime = nowMs;
      return;
    }
    const dt = nowMs - this.#lastTime;
    if (dt < this.#minIntervalMs) return;
    const instant = ((bytes - this.#lastBytes) * 1000) / dt;
    const keep = 0.5 ** (dt / this.#halfLifeMs);
    this.#rate = this.#rate === null ? instant : keep * this.#rate + (1 - keep) * instant;
    this.#lastBytes = bytes;
    this.#lastTime = nowMs;
  }

  /** Smoothed bytes per second, or null before two samples far enough apart. */
  get bytesPerSecond(): number | null {
    return this.#rate;
  }

  /** Seconds until `remainingBytes` are in at the smoothed rate, or null while unknown (or stalled). */
  secondsLeft(remainingBytes: number): number | null {
    if (remainingBytes <= 0) return 0;
    return this.#rate && this.#rate > 0 ? remainingBytes / this.#rate : null;
  }
}
