/**
 * Collects every Content-Security-Policy violation a page and its workers report: the browser's
 * console messages ("Refused to …") from the page and each dedicated worker, and the page's
 * `securitypolicyviolation` events. A spec asserts the list is empty after the app did its work.
 */
import type { ConsoleMessage, Page, Worker } from '@playwright/test';

export interface Violation {
  where: string;
  text: string;
}

const CSP_TEXT = /Content[- ]Security[- ]Policy|Refused to (execute|evaluate|load|connect|apply|create|frame)/iu;

export class CspWatch {
  readonly violations: Violation[] = [];

  constructor(readonly page: Page) {}

  /** Start before the first navigation. */
  async start(): Promise<void> {
    const onConsole = (where: string) => (message: ConsoleMessage) => {
      if (CSP_TEXT.test(message.text())) this.violations.push({ where, text: message.text() });
    };
    this.page.on('console', onConsole('page'));
    this.page.on('worker', (worker: Worker) => worker.on('console', onConsole(`worker ${worker.url()}`)));
    await this.page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
    });
  }

  /** The page's `securitypolicyviolation` events since its last load. */
  events(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
  }
}
