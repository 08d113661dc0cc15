import { describe, expect, it } from 'vitest';
import { FakeLockWorld } from '../testing/fake-locks';
import { inTurn, needsTurns } from './cpu-turns';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('needsTurns', () => {
  it('is needed when two engines like this one would want more threads than there are cores', () => {
    expect(needsTurns(2, 2)).toBe(true); // the 2-core device: 4 spinning threads on 2 cores
    expect(needsTurns(1, 1)).toBe(true);
    expect(needsTurns(1, 2)).toBe(false);
    expect(needsTurns(4, 8)).toBe(false);
    expect(needsTurns(8, 8)).toBe(true);
  });
});

describe('inTurn across two windows', () => {
  it('the second generation starts when the first has ended, not beside it', async () => {
    const world = new FakeLockWorld();
    const events: string[] = [];
    let endFirst = () => {};
    const first = inTurn(world.client('a'), new AbortController().signal, async () => {
      events.push('a starts');
      await new Promise<void>((resolve) => (endFirst = resolve));
      events.push('a ends');
    });
    await tick();
    const second = inTurn(world.client('b'), new AbortController().signal, async () => void events.push('b starts'));
    await tick();
    expect(events).toEqual(['a starts']);
    endFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('stopping while waiting for the turn ends with ABORTED and never generates', async () => {
    const world = new FakeLockWorld();
    let endFirst = () => {};
    const first = inTurn(world.client('a'), new AbortController().signal, () => new Promise<void>((resolve) => (endFirst = resolve)));
    await tick();
    const stop = new AbortController();
    let ran = false;
    const second = inTurn(world.client('b'), stop.signal, async () => void (ran = true));
    await tick();
    stop.abort();
    await expect(second).rejects.toMatchObject({ code: 'ABORTED' });
    endFirst();
    await first;
    expect(ran).toBe(false);
  });

  it('a failed generation lets the next one go', async () => {
    const world = new FakeLockWorld();
    await expect(inTurn(world.client('a'), new AbortController().signal, () => Promise.reject(new Error('crash')))).rejects.toThrow('crash');
    await expect(inTurn(world.client('b'), new AbortController().signal, async () => 'ran')).resolves.toBe('ran');
  });
});
