/**
 * Faults injected into one of the app's running workers: the ways a worker stops without an error
 * event (an uncaught error is another matter: the page hears of it at once). Shared by the specs
 * that check the page notices and recovers.
 */
import { expect, type CDPSession, type Page, type Worker } from '@playwright/test';

/**
 * - `close`: the worker calls `self.close()`; it is gone, and messages to it are dropped in silence.
 * - `endless-loop`: its event loop never yields again (`for (;;) {}`), as a runaway parser would.
 * - `terminate-execution`: CDP `Runtime.terminateExecution` on the worker's target. In Chromium
 *   this kills only the JavaScript running at that instant, not the worker: on an idle worker it
 *   does nothing, on a busy one it ends that task (an endless loop, or a call midway, which then
 *   never answers while the worker still answers everything else).
 */
export type WorkerFault = 'close' | 'endless-loop' | 'terminate-execution';

/** The page's worker whose script URL contains `urlPart` (e.g. 'retrieval'), waiting for it to start; `not`: other than this one. */
export async function findWorker(page: Page, urlPart: string, options: { not?: Worker; timeout?: number } = {}): Promise<Worker> {
  const find = () => page.workers().find((w) => w.url().includes(urlPart) && w !== options.not);
  await expect
    .poll(() => find() !== undefined, { message: `a worker whose URL contains "${urlPart}"`, timeout: options.timeout ?? 30_000 })
    .toBe(true);
  const worker = find();
  if (!worker) throw new Error(`no worker whose URL contains "${urlPart}"`);
  return worker;
}

/**
 * Put the fault in place in the worker whose URL contains `workerUrlPart`; resolves once it is in
 * effect, with the worker it hit (compare it with `findWorker(…, { not })` to see a restart).
 */
export async function injectFault(page: Page, workerUrlPart: string, kind: WorkerFault): Promise<Worker> {
  const worker = await findWorker(page, workerUrlPart);
  if (kind === 'close') {
    await worker.evaluate('self.close()');
  } else if (kind === 'endless-loop') {
    // Started from a task of its own, so this evaluate returns; the loop begins a moment later and
    // blocks every message after it.
    await worker.evaluate('setTimeout(() => { for (;;) {} }); undefined');
  } else {
    await terminateExecution(page, workerUrlPart);
  }
  return worker;
}

/**
 * Send `Runtime.terminateExecution` to the worker's own target. Playwright's CDP session speaks to
 * the page's target only, and cannot address the child sessions of flat auto-attach, so the worker
 * is attached the nested way (`flatten: false`) and spoken to through `Target.sendMessageToTarget`.
 */
async function terminateExecution(page: Page, urlPart: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const sessionId = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no worker target whose URL contains "${urlPart}"`)), 10_000);
      cdp.on('Target.attachedToTarget', ({ sessionId: id, targetInfo }) => {
        if (targetInfo.type !== 'worker' || !targetInfo.url.includes(urlPart)) return;
        clearTimeout(timer);
        resolve(id);
      });
      cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false }).catch(reject);
    });
    await sendToTarget(cdp, sessionId, 'Runtime.terminateExecution');
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** One command to an attached target, resolved with its reply. */
function sendToTarget(cdp: CDPSession, sessionId: string, method: string): Promise<void> {
  const id = 1;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply to ${method}`)), 10_000);
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const reply = JSON.parse(event.message) as { id?: number; error?: { message: string } };
      if (reply.id !== id) return;
      clearTimeout(timer);
      if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
      else resolve();
    });
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(reject);
  });
}
