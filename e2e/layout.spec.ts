/**
 * Layouts: on a 360 × 800 phone the conversation fills the screen under a one-row header with the
 * question box at the bottom, and chats and documents are one tap away; on a laptop and a wide screen
 * the columns sit side by side and the conversation keeps a readable width. Keyboard shortcuts, the
 * drop overlay and the progress of a long job. Screenshots go to test-results/screenshots/.
 */
import { expect, test, type Page } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { addFileAndWait, ask, documentItem, expectLibraryReady, lastAnswer, openReady, useCatalog } from './support/app';
import { largeText } from './support/stored';
import { LAPTOP, openDrawer, openStoredConversation, PHONE, SCHEMES, screenshot } from './support/screens';

test.setTimeout(240_000);

const question = (page: Page) => page.getByLabel('Question', { exact: true });

test('phone: one-row header, the conversation fills the screen, the question box at the bottom, the library one tap away', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await openStoredConversation(page);
  await page.setViewportSize(PHONE);

  // The header is one row; the page itself does not scroll; the question box ends at the bottom.
  const header = await page.locator('.appbar').boundingBox();
  expect(header?.height).toBeLessThanOrEqual(56);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(PHONE.height);
  await expect(question(page)).toBeInViewport({ ratio: 1 });
  const composer = await page.locator('form.composer').boundingBox();
  expect((composer?.y ?? 0) + (composer?.height ?? 0)).toBeGreaterThan(PHONE.height - 2);
  await expect(page.getByRole('button', { name: 'Ask', exact: true })).toBeInViewport({ ratio: 1 });
  // The conversation is what is on screen, not the library.
  await expect(lastAnswer(page)).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeHidden();
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `phone-${scheme}-layout`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // One tap: chats and documents, with focus inside; Escape goes back, focus on the toggle again.
  await openDrawer(page);
  await expect(documentItem(page, 'bees.md')).toBeInViewport();
  expect(await page.evaluate(() => !!document.querySelector('aside.library')?.contains(document.activeElement))).toBe(true);
  await expect(question(page)).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(question(page)).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Chats and documents' })).toBeFocused();

  // The passage: a full-screen sheet over the conversation.
  await lastAnswer(page).locator('.answer button.cite').first().click();
  const sheet = page.getByRole('dialog', { name: 'Cited passage' });
  expect(await sheet.boundingBox()).toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
});

test('laptop and wide screen: columns side by side, the conversation at a readable width', async ({ page }) => {
  await openReady(page);
  await openStoredConversation(page);
  for (const viewport of [LAPTOP, { width: 2560, height: 1200 }]) {
    await page.setViewportSize(viewport);
    const library = await page.locator('aside.library').boundingBox();
    const chat = await page.locator('section.chat').boundingBox();
    expect(library?.width).toBeLessThanOrEqual(320);
    expect((chat?.x ?? 0) + 1).toBeGreaterThanOrEqual((library?.x ?? 0) + (library?.width ?? 0));
    await expect(question(page)).toBeInViewport({ ratio: 1 });
    expect((await page.locator('.appbar').boundingBox())?.height).toBeLessThanOrEqual(64);
    // The messages and the question box are capped (56rem) and centred however wide the window.
    const content = await page.locator('.messages-content').boundingBox();
    const box = await question(page).boundingBox();
    expect(content?.width).toBeLessThanOrEqual(896);
    expect(box?.width).toBeLessThanOrEqual(896);
    const centre = (chat?.x ?? 0) + (chat?.width ?? 0) / 2;
    expect(Math.abs((content?.x ?? 0) + (content?.width ?? 0) / 2 - centre)).toBeLessThan(20);
  }
  await page.setViewportSize(LAPTOP);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `laptop-${scheme}-layout`);
  }
});

test('keyboard shortcuts: focus the question, new chat, close the panel, stop the answer; listed and announced', async ({ page }) => {
  await openReady(page);
  await openStoredConversation(page);
  await page.locator('body').click({ position: { x: 700, y: 400 } });

  // "/" goes to the question box (and types nothing).
  await page.keyboard.press('/');
  await expect(question(page)).toBeFocused();
  await expect(question(page)).toHaveValue('');
  await expect(question(page)).toHaveAttribute('aria-keyshortcuts', '/');

  // Escape closes the passage.
  await lastAnswer(page).locator('.answer button.cite').first().click();
  await expect(page.locator('section.passage')).toBeVisible();
  await page.locator('section.passage').getByRole('button', { name: 'Close passage' }).focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('section.passage')).toHaveCount(0);

  // Alt+Shift+N starts a new chat, ready for a question.
  await expect(page.locator('article.message')).toHaveCount(2);
  await page.keyboard.press('Alt+Shift+N');
  await expect(page.locator('article.message')).toHaveCount(0);
  await expect(question(page)).toBeFocused();
  await expect(page.getByRole('button', { name: 'New chat' })).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+N');

  // Escape stops the answer being written.
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await ask(page, 'When do beekeepers harvest honey?');
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveAttribute('aria-keyshortcuts', 'Escape');
  await page.keyboard.press('Escape');
  await expect(lastAnswer(page)).toHaveAttribute('data-status', 'stopped');

  // The shortcuts are listed.
  await page.getByText('Keyboard shortcuts').click();
  const list = page.locator('details.shortcuts');
  await expect(list).toContainText('Alt+Shift+N');
  await expect(list).toContainText('Start a new chat');
  await expect(list).toContainText('Go to the question box');
});

test('files dragged anywhere over the window show a drop overlay, and dropping adds them', async ({ page }) => {
  await openReady(page);
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Honey bees store nectar as honey in wax combs.'], 'dropped.txt', { type: 'text/plain' }));
    return data;
  });
  const target = page.locator('.messages');
  await target.dispatchEvent('dragenter', { dataTransfer: transfer });
  const overlay = page.getByTestId('drop-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('Drop the files to add them to your documents');
  await screenshot(page, 'laptop-light-drop');
  await target.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(overlay).toHaveCount(0);
  await expect(documentItem(page, 'dropped.txt')).toBeVisible({ timeout: 60_000 });
});

test('adding a long file shows what is being done and roughly how long is left', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'long-log.txt', mimeType: 'text/plain', buffer: Buffer.from(largeText(1.5)) });
  const bar = page.locator('.queue-item[data-file="long-log.txt"] [role=progressbar]');
  await expect(bar).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveAttribute('aria-label', /\S/);
  await expect(bar.locator('.progress-label')).toContainText(/about .+ left/, { timeout: 60_000 });
  await screenshot(page, 'laptop-light-progress');
  // Done looking: cancelling takes the file out of the queue.
  await page.getByRole('button', { name: 'Cancel long-log.txt' }).click();
  await expect(bar).toHaveCount(0, { timeout: 30_000 });
});

test('the first screen does not move while Hearth starts: a phone and a laptop, a first visit', async ({ browser, baseURL }) => {
  for (const viewport of [PHONE, LAPTOP]) {
    const context = await browser.newContext({ viewport, baseURL });
    const page = await context.newPage();
    // Every layout shift each document makes (Cumulative Layout Shift is their sum, without input).
    await page.addInitScript(() => {
      const shifts: { value: number; hadRecentInput: boolean }[] = [];
      (window as unknown as { hearthShifts: typeof shifts }).hearthShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) shifts.push({ value: entry.value, hadRecentInput: entry.hadRecentInput });
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await useCatalog(page); // "Save and restart": what follows is a fresh start of the page
    await expect(page.getByTestId('first-run').getByRole('heading', { level: 2 })).toBeInViewport({ timeout: 60_000 });
    await expectLibraryReady(page);
    await page.waitForTimeout(2000); // the model list's news arrive
    const shifts = await page.evaluate(() => (window as unknown as { hearthShifts: { value: number; hadRecentInput: boolean }[] }).hearthShifts);
    const total = shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0);
    expect(total, `${viewport.width} px wide`).toBeLessThan(0.02);
    await context.close();
  }
});
