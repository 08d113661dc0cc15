/**
 * The grounded-answer prompt. Small local models follow short, concrete rules best, so the system
 * message is a few lines: answer only from the numbered contexts, cite them as [n], and use one fixed
 * sentence when the contexts do not answer (the UI can recognise it).
 */

export interface PromptContext {
  /** The number the model cites, [n]; keeps its meaning even when other contexts are dropped. */
  n: number;
  title: string;
  text: string;
}

export interface ChatPrompt {
  system: string;
  user: string;
}

export interface BuiltPrompt extends ChatPrompt {
  /** The context numbers that fit, in order; citations to any other number are not grounded. */
  used: number[];
}

export const DEFAULT_MAX_CONTEXT_CHARS = 6000;

/** What the model is told to say when the documents do not answer; the UI matches on it. */
export const DONT_KNOW = "I don't know. The documents don't say.";

export const SYSTEM_PROMPT = [
  "You answer questions about the user's documents.",
  'Use only the numbered contexts below. Do not use anything else you know.',
  'After each fact, cite the context it came from by its number in square brackets, like [1] or [2][3].',
  `If the contexts do not answer the question, reply exactly: ${DONT_KNOW}`,
  'Answer in a few short sentences.',
].join('\n');

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function header(ctx: PromptContext): string {
  const title = oneLine(ctx.title);
  return title ? `[${ctx.n}] (${title}) ` : `[${ctx.n}] `;
}

/** One numbered context as the prompt shows it: "[n] (title) text". */
export function contextBlock(ctx: PromptContext): string {
  return header(ctx) + oneLine(ctx.text);
}

/** The longest prefix of `text` that ends between words and fits in `max` characters (with an ellipsis). */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 2) return '';
  const room = max - 1; // the ellipsis
  const cut = text.lastIndexOf(' ', room);
  // A space at `room` means the word before it ends exactly at the limit.
  return cut > 0 ? text.slice(0, cut) + '…' : '';
}

/**
 * Build the chat messages. `contexts` must be best-first: when they do not fit in
 * `maxContextChars`, whole contexts are dropped from the end; if the best one alone is too long,
 * it is shortened at a word boundary.
 */
export function buildPrompt(
  question: string,
  contexts: PromptContext[],
  opts: { maxContextChars?: number } = {},
): BuiltPrompt {
  const max = opts.maxContextChars ?? DEFAULT_MAX_CONTEXT_CHARS;
  const blocks = contexts.map(contextBlock);
  const SEPARATOR = '\n\n';
  let count = blocks.length;
  let total = blocks.reduce((sum, b) => sum + b.length, 0) + SEPARATOR.length * Math.max(0, count - 1);
  while (count > 1 && total > max) {
    count--;
    total -= (blocks[count] as string).length + SEPARATOR.length;
  }
  const kept = blocks.slice(0, count);
  const first = contexts[0];
  if (first && total > max) {
    const head = header(first);
    kept[0] = (head + cutAtWord(oneLine(first.text), max - head.length)).trimEnd();
  }
  const used = contexts.slice(0, count).map((c) => c.n);
  const body = kept.length > 0 ? `Contexts:\n\n${kept.join(SEPARATOR)}\n\n` : 'Contexts: (none)\n\n';
  return { system: SYSTEM_PROMPT, user: `${body}Question: ${oneLine(question)}`, used };
}

/** One plain text prompt for base models that have no chat template. */
export function renderPlainPrompt(prompt: ChatPrompt): string {
  return `${prompt.system}\n\n${prompt.user}\nAnswer:`;
}
