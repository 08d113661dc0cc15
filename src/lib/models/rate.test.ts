import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate';

describe('RateMeter', () => {
  it('knows no rate before two samples far enough apart', () => {
    const meter = new RateMeter();
    meter.sample(0, 0);
    expect(meter.bytesPerSecond).toBeNull();
    meter.sample(100, 100); // too soon: merged into the next sample
    expect(meter.bytesPerSecond).toBeNull();
    meter.sample(1000, 1000);
    expect(meter.bytesPerSecond).toBe(1000);
  });

  it('smooths: one fast burst moves the rate only part of the way', () => {
    const meter = new RateMeter({ halfLifeMs: 3000 });
    let bytes = 0;
    meter.sample(bytes, 0);
    for (let t = 1000; t <= 10_000; t += 1000) meter.sample((bytes += 1000), t);
    expect(meter.bytesPerSecond).toBeCloseTo(1000, 5);
    meter.sample((bytes += 10_000), 11_000);
    const rate = meter.bytesPerSecond ?? 0;
    expect(rate).toBeGreaterThan(1000);
    expect(rate).toBeLessThan(5000);
  });

  it('does not count bytes that were there before it started (a resumed download)', () => {
    const meter = new RateMeter();
    meter.sample(5_000_000, 0);
    meter.sample(5_001_000, 1000);
    expect(meter.bytesPerSecond).toBe(1000);
  });

  it('gives time left from the smoothed rate, and 0 when done', () => {
    const meter = new RateMeter();
    meter.sample(0, 0);
    expect(meter.secondsLeft(1000)).toBeNull();
    meter.sample(500, 1000);
    expect(meter.secondsLeft(1000)).toBe(2);
    expect(meter.secondsLeft(0)).toBe(0);
  });

  it('starts measuring afresh when the byte count goes back (the download started over)', () => {
    const meter = new RateMeter();
    meter.sample(0, 0);
    meter.sample(1000, 1000);
    meter.sample(0, 1500);
    meter.sample(4000, 2500);
    expect(meter.bytesPerSecond).toBe(4000);
  });
});
