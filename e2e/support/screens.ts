/** The main screens, dialogs and panels of Hearth, opened the way a person does, for the accessibility and layout checks. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { expectLibraryReady, openReady, saveSettings, openSettings } from './app';
import type { ConversationRecord, SourceRef } from '../../src/lib/storage/schema';

export const PHONE = { width: 360, height: 800 };
export const LAPTOP = { width: 1440, height: 900 };
export const SIZES = [
  { name: 'phone', viewport: PHONE },
  { name: 'laptop', viewport: LAPTOP },
] as const;
export const SCHEMES = ['light', 'dark'] as const;

const leave: SourceRef = {
  n: 1,
  chunkId: 'chunk-screens-1',
  docId: 'doc-screens',
  docName: 'handbook.md',
  text: 'Employees get 25 days of paid leave each year.',
  start: 0,
  end: 47,
  headingPath: ['Leave'],
};

/** A saved conversation with an answer that cites a passage (the test model rarely writes a citation). */
export const CONVERSATION: ConversationRecord = {
  id: 'screens-conversation',
  title: 'Leave',
  updatedAt: Date.now() + 60_000,
  messages: [
    { role: 'user', content: 'How much leave do I get?' },
    { role: 'assistant', kind: 'answer', content: 'Leave is **25 days** a year [1].', sources: [leave], status: 'done' },
  ],
};

/** Puts a conversation into the app's database and reloads: it is the newest, so it opens. */
export async function openStoredConversation(page: Page, record: ConversationRecord = CONVERSATION): Promise<void> {
  await page.evaluate(async (rec) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('hearth');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction('conversations', 'readwrite');
    tx.objectStore('conversations').put(rec);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, record);
  await page.reload();
  await expectReady(page);
  await expect(page.locator('article.message.assistant')).toHaveCount(1);
}

/** axe-core on the whole page: every violation, with the elements it names, or none. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join(' | ')}`);
  expect(found, `axe-core on ${screen}`).toEqual([]);
}

/** A screenshot of what is on screen, for people to look at (test-results/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

export function isPhone(page: Page): boolean {
  return (page.viewportSize()?.width ?? 0) < 760;
}

/** The phone's "Chats and documents" drawer, opened from the header. */
export async function openDrawer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Chats and documents' }).click();
  await expect(page.getByRole('button', { name: 'Add documents' })).toBeInViewport();
}

/** Documents can be added (on a phone the button is in the closed drawer, so hidden ones count too). */
export async function expectReady(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Add documents', includeHidden: true })).toBeEnabled({ timeout: 60_000 });
}

/** Open the app with the test catalog at the given size, ready to add documents. */
export async function openAt(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(LAPTOP);
  await openReady(page);
  await page.setViewportSize(viewport);
}

/** Answers of at most 24 tokens, so that a test asking questions is quick on a busy machine. */
export async function shortAnswers(page: Page): Promise<void> {
  await openSettings(page, { advanced: true });
  await page.getByLabel('Longest answer').fill('24');
  await saveSettings(page);
  await expectLibraryReady(page);
}
