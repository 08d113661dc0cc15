import { describe, expect, it } from 'vitest';
import { judgeOpenElsewhere, type OpenModel } from '../../src/lib/models/open-elsewhere';
import { FakeLockWorld } from '../testing/fake-locks';
import { claimOpen, listOpenElsewhere, openElsewhereError, openLockName, parseOpenLockName } from './open-registry';

const gpu: OpenModel = { modelId: 'Qwen-q4f32', engine: 'webllm', memoryMB: 1200 };
const cpu: OpenModel = { modelId: 'stories260K', engine: 'wllama', memoryMB: 16 };
const BUDGET = 4000;

/** Refuse the way the worker does: when the verdict says to ask. */
const refuseFor = (model: OpenModel) => (others: OpenModel[]) =>
  judgeOpenElsewhere(model, others, BUDGET).ask ? openElsewhereError(model, others) : null;

describe('open-model lock names', () => {
  it('round-trip, and ignore other locks', () => {
    expect(parseOpenLockName(openLockName(gpu))).toEqual(gpu);
    expect(parseOpenLockName('hearth-download:stories260K')).toBeNull();
    expect(parseOpenLockName('hearth-open-model:not json')).toBeNull();
    expect(parseOpenLockName('hearth-open-model:["cuda",1,"x"]')).toBeNull();
  });
});

describe('claimOpen between two windows', () => {
  it('a second window that would open a WebGPU model is refused while the first holds one, and may after', async () => {
    const world = new FakeLockWorld();
    const [a, b] = [world.client('a'), world.client('b')];
    const first = await claimOpen(a, gpu, refuseFor(gpu));
    expect(await listOpenElsewhere(b, null)).toEqual([gpu]);
    expect(await listOpenElsewhere(a, first), 'a window does not count its own model').toEqual([]);

    const refused = await claimOpen(b, gpu, refuseFor(gpu)).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'MODEL_OPEN_ELSEWHERE' });
    expect(await listOpenElsewhere(a, first), 'a refused claim holds nothing').toEqual([]);

    await first.release();
    await first.release(); // idempotent
    const second = await claimOpen(b, gpu, refuseFor(gpu));
    expect(await listOpenElsewhere(a, null)).toEqual([gpu]);
    await second.release();
    expect(world.heldNames()).toEqual([]);
  });

  it('CPU models open side by side while they fit', async () => {
    const world = new FakeLockWorld();
    const one = await claimOpen(world.client('a'), cpu, refuseFor(cpu));
    const two = await claimOpen(world.client('b'), cpu, refuseFor(cpu));
    // The same model open twice is listed twice: it takes its memory twice.
    expect(await listOpenElsewhere(world.client('c'), null)).toEqual([cpu, cpu]);
    expect(await listOpenElsewhere(world.client('a'), one)).toEqual([cpu]);
    await Promise.all([one.release(), two.release()]);
  });

  it('two windows claiming at the same moment: one gets it, the other is refused', async () => {
    const world = new FakeLockWorld();
    const results = await Promise.allSettled([claimOpen(world.client('a'), gpu, refuseFor(gpu)), claimOpen(world.client('b'), gpu, refuseFor(gpu))]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('a window that closes lets go of its model (its lock ends with it)', async () => {
    const world = new FakeLockWorld();
    const claim = await claimOpen(world.client('a'), gpu, refuseFor(gpu));
    await claim.release(); // what the browser does for a closed window's worker
    await expect(claimOpen(world.client('b'), gpu, refuseFor(gpu))).resolves.toBeTruthy();
  });

  it('without Web Locks nothing is checked', async () => {
    const claim = await claimOpen(null, gpu, () => openElsewhereError(gpu, []));
    await expect(claim.release()).resolves.toBeUndefined();
  });
});
