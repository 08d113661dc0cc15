/**
 * An assistant message as plain text: what Copy puts on the clipboard (the answer, then the
 * passages it was given, numbered as its citations) and what the live region reads out when an
 * answer is finished. Shared by Message.svelte and ChatView.svelte.
 */
import type { LiveMessage } from '../state/chat.svelte';
import type { SourceRef } from '../storage/schema';
import { deletedLabel, DOCUMENT_DELETED, pageLabel } from './source-label';

export const QUICK_ANSWER_LABEL = 'Quick answer — sentences quoted from your documents, no model used';
export const NOT_FOUND_TEXT = "Your documents don't seem to answer this.";
export const DONT_KNOW_TEXT = "The documents don't say.";

export type AssistantView = 'answer' | 'extracts' | 'not-found' | 'dont-know' | 'none';

/** What an assistant message shows, from its kind and what it holds so far. */
export function assistantView(message: Pick<LiveMessage, 'kind' | 'content' | 'extracts' | 'dontKnow'>): AssistantView {
  if (message.kind === 'not-found') return 'not-found';
  if (message.dontKnow) return 'dont-know';
  // While a model loads, the quick answer is shown until the model's first words replace it.
  if (message.kind === 'extracts' || (!message.content && message.extracts?.length)) return 'extracts';
  return message.content ? 'answer' : 'none';
}

/** "report.pdf · page 4 · Results › Totals" ("document deleted" once its document is gone). */
export function sourceLine(s: SourceRef): string {
  if (s.deleted) return DOCUMENT_DELETED;
  return [s.docName, pageLabel(s), s.headingPath?.length ? s.headingPath.join(' › ') : ''].filter(Boolean).join(' · ');
}

/** Markdown emphasis, code marks and heading marks out, for reading aloud. */
function plain(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, '')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/** The body of the message without its sources. */
function body(message: LiveMessage, forSpeech: boolean): string {
  switch (assistantView(message)) {
    case 'not-found':
      return NOT_FOUND_TEXT;
    case 'dont-know':
      return DONT_KNOW_TEXT;
    case 'extracts':
      return [`${QUICK_ANSWER_LABEL}:`, ...(message.extracts ?? []).map((e) => (e.deleted ? deletedLabel(e.n) : `“${e.text}” [${e.n}]`))].join('\n');
    case 'answer':
      return forSpeech ? plain(message.content) : message.content.trim();
    default:
      return '';
  }
}

/** What Copy copies: the answer, then "Sources:" with each passage it was given. */
export function copyText(message: LiveMessage): string {
  const sources = message.sources ?? [];
  const heading = message.kind === 'not-found' ? 'Closest passages:' : 'Sources:';
  const list = sources.map((s) => `[${s.n}] ${sourceLine(s)}`);
  return [body(message, false), ...(list.length ? ['', heading, ...list] : [])].join('\n');
}

/** What the live region says for a message: its status while it is written, then the answer. */
export function announcement(message: LiveMessage): string {
  switch (message.status) {
    case 'retrieving':
      return 'Searching your documents…';
    case 'loading':
      return 'Loading the model…';
    case 'streaming':
      return 'Writing the answer…';
    case 'error':
      return `The answer failed: ${message.error?.message ?? ''}`.trim();
    case 'stopped':
      return message.content ? `Stopped. ${plain(message.content)}` : 'Stopped.';
    default: {
      const text = body(message, true);
      const n = message.sources?.length ?? 0;
      return n && assistantView(message) !== 'not-found' ? `${text}\n${n} source${n === 1 ? '' : 's'} below.` : text;
    }
  }
}
