/**
 * An assistant message as plain text: what Copy puts on the clipboard (the answer, then the
 * passages it was given, numbered as its citations) and what the live region reads out when an
 * answer is finished. Shared by Message.svelte and ChatView.svelte.
 */
import { errorTextIn } from '../i18n/error-words';
import type { Words } from '../i18n/translate';
import type { LiveMessage } from '../state/chat.svelte';
import type { SourceRef } from '../storage/schema';
import { deletedLabelIn, pageLabelIn } from './source-label';

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
export function sourceLine(w: Words, s: SourceRef): string {
  if (s.deleted) return w.t('chat.source.deleted');
  return [s.docName, pageLabelIn(w, s), s.headingPath?.length ? s.headingPath.join(' › ') : ''].filter(Boolean).join(' · ');
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
function body(w: Words, message: LiveMessage, forSpeech: boolean): string {
  switch (assistantView(message)) {
    case 'not-found':
      return w.t('chat.notFound');
    case 'dont-know':
      return w.t('chat.dontKnow');
    case 'extracts':
      return [`${w.t('chat.quick.label')}:`, ...(message.extracts ?? []).map((e) => (e.deleted ? deletedLabelIn(w, e.n) : `“${e.text}” [${e.n}]`))].join('\n');
    case 'answer':
      return forSpeech ? plain(message.content) : message.content.trim();
    default:
      return '';
  }
}

/** What Copy copies: the answer, then "Sources:" with each passage it was given. */
export function copyText(w: Words, message: LiveMessage): string {
  const sources = message.sources ?? [];
  const heading = w.t(message.kind === 'not-found' ? 'chat.copy.closest' : 'chat.copy.sources');
  const list = sources.map((s) => `[${s.n}] ${sourceLine(w, s)}`);
  return [body(w, message, false), ...(list.length ? ['', heading, ...list] : [])].join('\n');
}

/** What the live region says for a message: its status while it is written, then the answer. */
export function announcement(w: Words, message: LiveMessage): string {
  switch (message.status) {
    case 'retrieving':
      return w.t('chat.pending.retrieving');
    case 'loading':
      return w.t('chat.pending.loading');
    case 'streaming':
      return w.t('chat.live.streaming');
    case 'error':
      return w.t('chat.live.failed', { message: message.error ? errorTextIn(w, message.error) : '' }).trim();
    case 'stopped':
      return message.content ? w.t('chat.live.stopped', { text: plain(message.content) }) : w.t('chat.stopped');
    default: {
      const text = body(w, message, true);
      const count = message.sources?.length ?? 0;
      if (!count || assistantView(message) === 'not-found') return text;
      return w.t(new Intl.PluralRules(w.locale).select(count) === 'one' ? 'chat.live.sources.one' : 'chat.live.sources.other', { text, count });
    }
  }
}
