/**
 * What a progress bar shows for one download: bytes, percent, a smoothed speed and the time left.
 * Fed with the worker's progress events; speed and time left only while bytes come from the network.
 */
import { fromNetwork, type ProgressPhase } from './load-phase';
import { RateMeter } from './rate';

export interface ProgressSample {
  loadedBytes: number;
  totalBytes: number;
  phase: ProgressPhase;
}

export class DownloadProgress {
  loadedBytes = $state(0);
  totalBytes = $state(0);
  phase = $state<ProgressPhase>('starting');
  downloading = $state(false);
  bytesPerSecond = $state<number | null>(null);
  secondsLeft = $state<number | null>(null);
  #meter = new RateMeter();

  constructor(initial?: ProgressSample) {
    if (initial) this.update(initial);
  }

  get percent(): number {
    return this.totalBytes > 0 ? Math.min(100, Math.floor((this.loadedBytes / this.totalBytes) * 100)) : 0;
  }

  update(sample: ProgressSample, nowMs: number = performance.now()): void {
    this.loadedBytes = sample.loadedBytes;
    this.totalBytes = Math.max(sample.totalBytes, sample.loadedBytes);
    this.phase = sample.phase;
    this.downloading = fromNetwork(sample.phase);
    if (!this.downloading) {
      this.bytesPerSecond = null;
      this.secondsLeft = null;
      return;
    }
    this.#meter.sample(sample.loadedBytes, nowMs);
    this.bytesPerSecond = this.#meter.bytesPerSecond;
    this.secondsLeft = this.#meter.secondsLeft(this.totalBytes - this.loadedBytes);
  }
}
