import { expect, test, type Locator, type Page } from '@playwright/test';
import { BEEKEEPING } from './fixtures/documents';
import { pdfWithPages } from './fixtures/files';
import { addFile, addFileAndWait, ask, documentItem, lastAnswer, openReady, waitForAnswerDone } from './support/app';

const HARBOUR = [
  'Harbour rules\nShips must report to the harbour master before entering the port.\nPilots board every ship at the outer buoy.',
  'Tides\nThe spring tide rises four metres above the low water mark.\nNeap tides rise less than two metres at the harbour mouth.',
  'Storms\nIn winter gales the outer harbour is closed to all shipping.\nThe storm signal is a red flag above the lighthouse.',
];

async function addHarbourPdf(page: Page): Promise<void> {
  await addFile(page, 'harbour.pdf', await pdfWithPages(HARBOUR), 'application/pdf');
  await expect(documentItem(page, 'harbour.pdf')).toContainText('3 pages', { timeout: 90_000 });
}

/** Share of the canvas's pixels that are not (near) white: the page was drawn. */
function inkOf(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] as number) < 200 || (data[i + 1] as number) < 200 || (data[i + 2] as number) < 200) ink++;
    return ink / (data.length / 4);
  });
}

function panelOf(page: Page): Locator {
  return page.locator('section.passage');
}

test('a PDF citation opens its page drawn with the passage highlighted; Escape closes it and focus goes back', async ({ page }) => {
  await openReady(page);
  await addHarbourPdf(page);
  await ask(page, 'How high does the spring tide rise?');
  await waitForAnswerDone(page);

  const chip = lastAnswer(page).locator('.source-chips .chip', { hasText: 'harbour.pdf, page 2' }).first();
  await expect(chip).toBeVisible();
  await chip.click();

  const panel = page.getByRole('complementary', { name: 'Cited passage' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await expect(panel.getByTestId('page-label')).toContainText('page 2');
  await expect(panel.getByTestId('page-label')).toContainText('page 2 of 3');

  const canvas = panel.locator('.page-frame canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  // Drawn for the panel's width at the screen's pixel ratio, and not blank.
  const size = await canvas.evaluate((el) => ({ w: (el as HTMLCanvasElement).width, css: el.getBoundingClientRect().width, ratio: window.devicePixelRatio }));
  expect(Math.abs(size.w - size.css * size.ratio)).toBeLessThan(size.css * size.ratio * 0.1);
  expect(await inkOf(canvas)).toBeGreaterThan(0.002);

  // The passage (page 2's text) is highlighted in the upper part of the page, where it is printed.
  const highlights = panel.getByTestId('page-highlight');
  await expect(highlights.first()).toBeVisible();
  expect(await highlights.count()).toBeGreaterThanOrEqual(2);
  const page2 = await canvas.boundingBox();
  const mark = await highlights.first().boundingBox();
  expect(page2 && mark).toBeTruthy();
  expect(mark!.x).toBeGreaterThanOrEqual(page2!.x);
  expect(mark!.y).toBeGreaterThanOrEqual(page2!.y);
  expect(mark!.y + mark!.height).toBeLessThan(page2!.y + page2!.height * 0.25);
  await expect(panel).not.toContainText('could not be located');
  // The text view below the page, with the passage marked.
  await expect(panel.locator('.passage-text mark', { hasText: 'spring tide rises four metres' })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(chip).toBeFocused();
});

test('a Markdown citation shows its headings rendered and the passage marked', async ({ page }) => {
  await openReady(page);
  await addFileAndWait(page, 'bees.md', BEEKEEPING);
  await ask(page, 'When do beekeepers harvest honey?');
  await waitForAnswerDone(page);
  await lastAnswer(page).locator('.source-chips .chip', { hasText: 'bees.md' }).first().click();

  const panel = page.getByRole('complementary', { name: 'Cited passage' });
  const text = panel.locator('.passage-text');
  await expect(text.locator('h3')).toHaveText('Keeping bees');
  await expect(text.locator('h4')).toHaveText('Harvest');
  await expect(text.locator('mark').first()).toBeVisible();
  await expect(text).toContainText('Beekeepers harvest honey in late summer');
  await expect(text).not.toContainText('## ');
  await expect(panel.locator('canvas')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Close passage' }).click();
  await expect(panel).toHaveCount(0);
});

test('on a 360 × 800 phone the passage is a full-screen dialog that keeps focus', async ({ page }) => {
  await openReady(page);
  await addHarbourPdf(page);
  await ask(page, 'How high does the spring tide rise?');
  await waitForAnswerDone(page);
  await page.setViewportSize({ width: 360, height: 800 });
  const chip = lastAnswer(page).locator('.source-chips .chip', { hasText: 'page 2' }).first();
  await chip.click();

  const dialog = page.getByRole('dialog', { name: 'Cited passage' });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 360, height: 800 });

  // The page fits the phone's width, drawn sharp for its pixel ratio.
  const canvas = dialog.locator('.page-frame canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  const fit = await canvas.evaluate((el) => ({ css: el.getBoundingClientRect().width, px: (el as HTMLCanvasElement).width, ratio: window.devicePixelRatio }));
  expect(fit.css).toBeLessThanOrEqual(360);
  expect(fit.css).toBeGreaterThan(300);
  expect(fit.px).toBeGreaterThanOrEqual(Math.floor(fit.css * fit.ratio * 0.9));
  expect(await inkOf(canvas)).toBeGreaterThan(0.002);
  await expect(dialog.getByTestId('page-highlight').first()).toBeVisible();

  // Tab goes round inside the dialog.
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(chip).toBeFocused();
});

test('a passage that runs over two pages shows the first, then the next with the rest highlighted', async ({ page }) => {
  await openReady(page);
  // Page 1 ends mid-sentence and page 2 goes on in lower case: one paragraph over the page break.
  const pdf = await pdfWithPages([
    'Lamp duties\nEvery evening the keeper climbs the hundred stairs of the lighthouse, trims the wick and',
    '\nlights the great lamp before the fishing boats return to the harbour at dusk.',
  ]);
  await addFile(page, 'lamp.pdf', pdf, 'application/pdf');
  await expect(documentItem(page, 'lamp.pdf')).toContainText('2 pages', { timeout: 90_000 });
  await ask(page, 'When does the keeper light the lamp?');
  await waitForAnswerDone(page);
  await lastAnswer(page).locator('.source-chips .chip', { hasText: 'pages 1–2' }).first().click();

  const panel = page.getByRole('complementary', { name: 'Cited passage' });
  await expect(panel.getByTestId('page-label')).toHaveText('page 1 of 2');
  await expect(panel.getByTestId('page-highlight').first()).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByRole('button', { name: /Previous page/ })).toBeDisabled();
  await panel.getByRole('button', { name: /Next page/ }).click();
  await expect(panel.getByTestId('page-label')).toHaveText('page 2 of 2');
  await expect(panel.getByTestId('page-highlight').first()).toBeVisible({ timeout: 30_000 });
  await expect(panel).not.toContainText('could not be located');
  await expect(panel.getByRole('button', { name: /Next page/ })).toBeDisabled();
});
