/** The part of a Lighthouse result the app suite reports: category scores (0–100) and the audits that did not pass. */

export interface LhrLike {
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
  categories: Record<string, { title: string; score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string; details?: { items?: DetailItem[] } }>;
}

interface DetailItem {
  node?: { snippet?: string; selector?: string; explanation?: string };
  url?: string;
  wastedBytes?: number;
  totalBytes?: number;
}

export interface FailingAudit {
  category: string;
  id: string;
  title: string;
  /** 0–100; binary audits are 0. */
  score: number;
  displayValue?: string;
  /** The audit's weight in its category's score (0: reported, not scored). */
  weight: number;
  /** What it found, briefly (the failing elements, the URLs with savings), at most five. */
  items: string[];
}

export interface LighthouseRun {
  preset: 'mobile' | 'desktop';
  scores: Record<string, number | null>;
  failing: FailingAudit[];
  warnings: string[];
}

/** One finding in a line: an element (selector and snippet) or a URL with its possible savings. */
export function describe(item: DetailItem): string | null {
  if (item.node) {
    const what = [item.node.selector, item.node.snippet].filter(Boolean).join(' ');
    const why = item.node.explanation?.split('\n').slice(0, 2).join(' ').trim();
    return (why ? `${what}: ${why}` : what).slice(0, 300) || null;
  }
  if (item.url) {
    const kib = (n: number | undefined) => (n === undefined ? '' : ` ${(n / 1024).toFixed(0)} KiB`);
    return `${item.url}${item.wastedBytes !== undefined ? ` (could save${kib(item.wastedBytes)} of${kib(item.totalBytes)})` : ''}`;
  }
  return null;
}

/** Modes whose score means nothing (no pass/fail). */
const UNSCORED = new Set(['notApplicable', 'manual', 'informative', 'error']);

/**
 * Scores per category and, per category, the audits that scored below `passAt` (Lighthouse colours
 * 0.9 and above green), weighted ones first, then by score.
 */
export function failingAudits(preset: 'mobile' | 'desktop', lhr: LhrLike, passAt = 0.9): LighthouseRun {
  if (lhr.runtimeError) throw new Error(`Lighthouse (${preset}) failed: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores: Record<string, number | null> = {};
  const failing: FailingAudit[] = [];
  for (const [key, category] of Object.entries(lhr.categories)) {
    scores[key] = category.score === null ? null : Math.round(category.score * 100);
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || UNSCORED.has(audit.scoreDisplayMode) || audit.score >= passAt) continue;
      failing.push({
        category: key,
        id: audit.id,
        title: audit.title,
        score: Math.round(audit.score * 100),
        ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
        weight: ref.weight,
        items: (audit.details?.items ?? []).slice(0, 5).map(describe).filter((d): d is string => d !== null),
      });
    }
  }
  failing.sort((a, b) => a.category.localeCompare(b.category) || Number(b.weight > 0) - Number(a.weight > 0) || a.score - b.score);
  return { preset, scores, failing, warnings: lhr.runWarnings ?? [] };
}
