/**
 * The library worker stops while it builds a file: it closes itself, its event loop never yields,
 * or the task embedding the file is killed (which leaves ONNX Runtime waiting for ever while the
 * worker still answers pings). Each time the worker is restarted, the file is handed to the fresh
 * one and shown as started again, it arrives whole, and nothing is stored twice or half.
 */
import { expect, test } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { addFile, addFileAndWait, documentItem, openReady } from './support/app';
import { findWorker, injectFault, type WorkerFault } from './support/faults';
import { expectWhole, largeText } from './support/stored';

test.describe.configure({ timeout: 300_000 });

const FAULTS: WorkerFault[] = ['close', 'endless-loop', 'terminate-execution'];

for (const fault of FAULTS) {
  test(`the library worker stopped mid-add (${fault}): restarted, the file finished, the library whole`, async ({ page }) => {
    await openReady(page);
    await addFileAndWait(page, 'bees.md', BEEKEEPING);
    await addFile(page, 'field-log.txt', largeText(2));
    const item = page.locator('.ingest-queue li.queue-item', { hasText: 'field-log.txt' });
    await expect(item).toHaveAttribute('data-stage', 'embedding', { timeout: 60_000 });

    const stopped = await injectFault(page, 'library', fault);
    // Noticed by the heartbeat (30 s) or, for a wedged task, the progress deadline (60 s).
    await expect(item).toContainText('Started again', { timeout: 90_000 });
    await findWorker(page, 'library', { not: stopped });
    await expect(documentItem(page, 'field-log.txt')).toBeVisible({ timeout: 150_000 });
    await expect(documentItem(page, 'field-log.txt')).toHaveCount(1);
    await expect(page.locator('[data-notice-code]')).toHaveCount(0);
    await expectWhole(page, ['bees.md', 'field-log.txt']);
  });
}
