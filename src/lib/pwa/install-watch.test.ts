import { describe, expect, it } from 'vitest';
import { watchInstall } from './install-watch';

/** A service worker that can be moved through its states, as the browser does. */
class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing';
  to(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;
  active: FakeWorker | null = null;
}

function watched(registration: FakeRegistration): { failures: number } {
  const seen = { failures: 0 };
  watchInstall(registration as unknown as ServiceWorkerRegistration, () => seen.failures++);
  return seen;
}

describe('watchInstall', () => {
  it('reports an install that fails (installing → redundant) with no worker active', () => {
    const registration = new FakeRegistration();
    const worker = new FakeWorker();
    registration.installing = worker;
    const seen = watched(registration);
    registration.installing = null;
    worker.to('redundant');
    expect(seen.failures).toBe(1);
  });

  it('says nothing about an install that works, or a worker replaced later', () => {
    const registration = new FakeRegistration();
    const worker = new FakeWorker();
    registration.installing = worker;
    const seen = watched(registration);
    worker.to('installed');
    worker.to('activating');
    worker.to('activated');
    registration.active = worker;
    worker.to('redundant');
    expect(seen.failures).toBe(0);
  });

  it('says nothing when an update fails under a worker that still serves the app offline', () => {
    const registration = new FakeRegistration();
    registration.active = new FakeWorker();
    registration.active.state = 'activated';
    const seen = watched(registration);
    const update = new FakeWorker();
    registration.installing = update;
    registration.dispatchEvent(new Event('updatefound'));
    update.to('redundant');
    expect(seen.failures).toBe(0);
  });

  it('reports a first install that was over before it was watched', () => {
    expect(watched(new FakeRegistration()).failures).toBe(1);
  });
});
