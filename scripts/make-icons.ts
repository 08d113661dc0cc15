/**
 * Renders the maskable app icon (public/icons/icon-maskable.svg: the flame inside the central 80%
 * safe zone, on an opaque full-bleed background) to the PNG sizes the manifest lists, with the same
 * headless Chromium the tests use. Run after changing the SVG: `npx tsx scripts/make-icons.ts`; the
 * PNGs are committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium';

const ICONS = new URL('../public/icons/', import.meta.url);
const SIZES = [192, 512];

const executablePath = chromiumPath();
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: CHROMIUM_ARGS });
try {
  const svg = readFileSync(new URL('icon-maskable.svg', ICONS), 'utf8');
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<body style="margin:0"><img src="${src}" width="${size}" height="${size}" style="display:block"></body>`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(new URL(`icon-maskable-${size}.png`, ICONS), png);
    console.log(`icon-maskable-${size}.png: ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
