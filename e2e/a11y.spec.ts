/**
 * Accessibility: axe-core finds nothing on any main screen, dialog or panel, in light and dark, on a
 * 360 × 800 phone and a 1440 × 900 laptop; every dialog takes focus, keeps it, closes on Escape and
 * gives focus back; a screen reader hears the answer being written and its end, not the whole list;
 * every control is big enough to tap. Screenshots of each screen go to test-results/screenshots/.
 */
import { expect, test, type Page } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { addFileAndWait, ask, lastAnswer, openReady } from './support/app';
import { shortAnswers } from './support/screens';

// Many screens per test, each checked by axe-core: slower than one question on a busy machine.
test.setTimeout(300_000);
import { expectNoAxeViolations, isPhone, LAPTOP, openAt, openDrawer, openStoredConversation, PHONE, SCHEMES, screenshot, SIZES } from './support/screens';

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectNoAxeViolations(page, name);
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test(`axe-core finds nothing on any screen: ${size.name}, ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openAt(page, size.viewport);
      const prefix = `${size.name}-${scheme}`;
      await check(page, `${prefix}-empty`);

      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await check(page, `${prefix}-settings`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);

      await page.getByRole('button', { name: 'Models' }).click();
      await expect(page.getByRole('dialog', { name: 'Models' })).toBeVisible();
      await check(page, `${prefix}-models`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Models' })).toHaveCount(0);

      await page.setViewportSize(LAPTOP);
      await addFileAndWait(page, 'bees.md', BEEKEEPING);
      await openStoredConversation(page);
      await page.setViewportSize(size.viewport);
      await check(page, `${prefix}-conversation`);

      await lastAnswer(page).locator('.answer button.cite').first().click();
      await expect(page.locator('section.passage')).toBeVisible();
      await check(page, `${prefix}-passage`);
      await page.keyboard.press('Escape');
      await expect(page.locator('section.passage')).toHaveCount(0);

      if (isPhone(page)) {
        await openDrawer(page);
        await check(page, `${prefix}-drawer`);
      }
    });
  }
}

/** Whether focus is inside the element. */
function holdsFocus(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => !!document.querySelector(sel)?.contains(document.activeElement), selector);
}

async function expectDialogFocus(page: Page, opener: string, selector: string): Promise<void> {
  const button = page.getByRole('button', { name: opener, exact: true });
  await button.click();
  await expect(page.locator(selector)).toBeVisible();
  await expect.poll(() => holdsFocus(page, selector), `${opener}: focus moves into the dialog`).toBe(true);
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await holdsFocus(page, selector), `${opener}: focus stays inside after ${i + 1} presses`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(page.locator(selector)).toHaveCount(0);
  await expect(button).toBeFocused();
}

test('Settings and Models take focus, keep it inside, close on Escape and give focus back', async ({ page }) => {
  await openReady(page);
  await expectDialogFocus(page, 'Settings', '[role=dialog][aria-label=Settings]');
  await expectDialogFocus(page, 'Models', '[role=dialog][aria-label=Models]');
});

test('the passage panel takes focus, closes on Escape and gives focus back (laptop and phone)', async ({ page }) => {
  await openReady(page);
  await openStoredConversation(page);
  const cite = lastAnswer(page).locator('.answer button.cite').first();
  for (const viewport of [LAPTOP, PHONE]) {
    await page.setViewportSize(viewport);
    await cite.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('section.passage')).toBeVisible();
    await expect.poll(() => holdsFocus(page, 'section.passage')).toBe(true);
    if (viewport === PHONE) {
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        expect(await holdsFocus(page, 'section.passage')).toBe(true);
      }
    }
    await page.keyboard.press('Escape');
    await expect(page.locator('section.passage')).toHaveCount(0);
    await expect(cite).toBeFocused();
  }
});

test('a screen reader hears the answer being written and its end, not every update of the list', async ({ page }) => {
  await openReady(page);
  await shortAnswers(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  // Only one live region in the conversation, and it is not the message list.
  const chat = page.locator('section.chat');
  await expect(chat.locator('[aria-live]')).toHaveCount(1);
  const announcer = page.getByTestId('chat-announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  expect(await page.locator('.messages').evaluate((el) => !!el.closest('[aria-live]') || !!el.querySelector('[aria-live]'))).toBe(false);

  const heard: string[] = [];
  await page.exposeFunction('hearthHeard', (text: string) => heard.push(text));
  await announcer.evaluate((el) => {
    new MutationObserver(() => (window as unknown as { hearthHeard: (t: string) => void }).hearthHeard(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await ask(page, 'When do beekeepers harvest honey?');
  // A busy machine: the model may take a while to load and read the passages.
  await expect(lastAnswer(page)).toHaveAttribute('data-status', /done|stopped|error/, { timeout: 200_000 });
  const answer = (await lastAnswer(page).locator('.answer').innerText()).trim();
  await expect.poll(() => heard.at(-1) ?? '').toContain(answer.slice(0, 20));
  // A handful of announcements (status, then the answer), not one per streamed word.
  const words = answer.split(/\s+/).length;
  expect(heard.length).toBeLessThan(Math.max(6, words / 2));
});

test('every control is at least 24 × 24 px, and the main actions 44 px tall on a phone', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await openStoredConversation(page);
  await page.setViewportSize(PHONE);
  const cite = lastAnswer(page).locator('.answer button.cite').first();
  const citeBox = await cite.boundingBox();
  expect(citeBox?.width).toBeGreaterThanOrEqual(24);
  expect(citeBox?.height).toBeGreaterThanOrEqual(24);

  const small = async (selector: string) =>
    page.locator(selector).evaluateAll((els) =>
      els
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ el, r }) => `${el.outerHTML.slice(0, 80)} ${Math.round(r.width)}×${Math.round(r.height)}`),
    );
  expect(await small('button, input, select, textarea, summary, a[href]')).toEqual([]);
  for (const name of ['Ask', 'Chats and documents', 'Settings', 'Models']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box?.height, `${name} on a phone`).toBeGreaterThanOrEqual(44);
    expect(box?.width, `${name} on a phone`).toBeGreaterThanOrEqual(44);
  }
  await expect(page.getByLabel('Question', { exact: true })).toBeInViewport({ ratio: 1 });

  await openDrawer(page);
  expect(await small('button, input, select, textarea, summary, a[href]')).toEqual([]);
  const box = await page.getByRole('checkbox', { name: 'Search bees.md' }).boundingBox();
  expect(box?.width).toBeGreaterThanOrEqual(24);
  expect(box?.height).toBeGreaterThanOrEqual(24);
});
