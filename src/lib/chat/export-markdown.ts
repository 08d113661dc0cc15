/**
 * A conversation as a Markdown file to keep or share: its title, then each question with its answer
 * and, under the answer, the passages it was given ("[n] document, page p, section") quoted in full,
 * so the citations in the answer can be checked without Hearth. A passage whose document was deleted
 * is only named "[n] document deleted": its text is not kept anywhere, so it cannot be exported.
 */
import { deletedLabel, sourceTitle } from '../render/source-label';
import { foldForSearch } from '../storage/conversation-summary';
import type { ChatMessageRecord, ConversationRecord, SourceRef } from '../storage/schema';

export const MARKDOWN_MIME = 'text/markdown';

/** The whole conversation as Markdown (ends with one newline). */
export function conversationMarkdown(record: ConversationRecord): string {
  const questions = record.messages.filter((m) => m.role === 'user').length;
  const blocks: string[] = [`# ${oneLine(record.title) || 'Conversation'}`, `*Exported from Hearth · ${questions} question${questions === 1 ? '' : 's'} · last updated ${utcMinute(record.updatedAt)}*`];
  let n = 0;
  for (const message of record.messages) {
    if (message.role === 'user') {
      n += 1;
      blocks.push('---', `## Question ${n}`, safeBlock(message.content));
    } else {
      blocks.push(...answerBlocks(message));
    }
  }
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

/** "How do I feed a starter?" → "how-do-i-feed-a-starter.md". */
export function markdownFileName(title: string): string {
  const slug = foldForSearch(title)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${slug || 'conversation'}.md`;
}

export function conversationFile(record: ConversationRecord): File {
  return new File([conversationMarkdown(record)], markdownFileName(record.title), { type: MARKDOWN_MIME });
}

function answerBlocks(message: ChatMessageRecord): string[] {
  const blocks: string[] = [];
  const sources = message.sources ?? [];
  if (message.kind === 'not-found') {
    blocks.push('### Answer', '*The documents do not seem to answer this question.*');
    if (sources.length) blocks.push('#### Closest passages', ...sources.map(sourceBlock));
    return blocks;
  }
  if (message.kind === 'extracts' && message.extracts?.length) {
    blocks.push('### Quick answer (sentences quoted from the documents, no model)');
    blocks.push(...message.extracts.map((e) => (e.deleted ? `*${deletedLabel(e.n)}*` : quote(`${e.text} [${e.n}]`))));
  } else {
    blocks.push('### Answer');
    if (message.content.trim()) blocks.push(message.content.trim());
  }
  if (message.status === 'stopped') blocks.push('*Stopped before the end.*');
  if (message.status === 'error') blocks.push(`*No answer: ${oneLine(message.error?.message ?? 'the answer failed')}*`);
  if (sources.length) blocks.push('#### Sources', ...sources.map(sourceBlock));
  return blocks;
}

/** "[2] report.pdf, page 4, Results" and the passage as a blockquote. */
function sourceBlock(s: SourceRef): string {
  if (s.deleted) return `*${deletedLabel(s.n)}*`;
  return `[${s.n}] ${oneLine(sourceTitle(s))}\n\n${quote(s.text)}`;
}

function quote(text: string): string {
  return safeBlock(text)
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

/**
 * Text as it was typed, with the line starts that would change the file's structure escaped
 * (a heading, a quote, a code fence, a rule or a heading underline).
 */
function safeBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => line.replace(/^(\s{0,3})(#|>|```|~~~|-{3,}\s*$|={3,}\s*$|\*{3,}\s*$|_{3,}\s*$)/, '$1\\$2'))
    .join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
