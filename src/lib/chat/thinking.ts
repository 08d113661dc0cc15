/**
 * A reasoning model's thinking, kept apart from its answer. Qwen3 and Qwen3.5 write it as a
 * `<think>…</think>` block before the answer; with thinking switched off their chat template puts an
 * empty block in the prompt, which web-llm streams back as the first words of the output. A chat
 * template may also open the block in the prompt itself, so the output starts inside it and only a
 * `</think>` shows where the answer begins. The answer — what is rendered, cited, copied, searched
 * with and stored as the message — never holds any of it.
 *
 * While a stream is running, an unclosed block is thinking still being written, and a tag cut in two
 * at the end of the text ("<thi") is held back rather than shown as answer text for a frame.
 */

export interface SplitText {
  /** The text without its thinking blocks. */
  answer: string;
  /** What the blocks held, in order, blank-line separated ('' when there was none or it was empty). */
  thinking: string;
  /** The last block was never closed (still being written when the text is a stream's prefix). */
  open: boolean;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** Length of the longest end of `text` that is the start of `tag` (a tag cut by the stream). */
function partialTagAtEnd(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

/**
 * Split a model's output into answer and thinking.
 * @param raw the text as the model wrote it (a stream's text so far, or all of it)
 * @param options `final`: the text is complete, so nothing is held back as a cut tag
 */
export function splitThinking(raw: string, options: { final?: boolean } = {}): SplitText {
  const blocks: string[] = [];
  let rest = raw;
  // A close with no open before it: the template opened the block in the prompt.
  const firstClose = rest.indexOf(CLOSE);
  const firstOpen = rest.indexOf(OPEN);
  if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
    blocks.push(rest.slice(0, firstClose));
    rest = rest.slice(firstClose + CLOSE.length);
  }

  let answer = '';
  let open = false;
  for (let pos = 0; ; ) {
    const start = rest.indexOf(OPEN, pos);
    if (start < 0) {
      answer += rest.slice(pos);
      break;
    }
    answer += rest.slice(pos, start);
    const end = rest.indexOf(CLOSE, start + OPEN.length);
    if (end < 0) {
      blocks.push(rest.slice(start + OPEN.length));
      open = true;
      break;
    }
    blocks.push(rest.slice(start + OPEN.length, end));
    pos = end + CLOSE.length;
  }

  if (!options.final) {
    if (open) {
      const last = blocks.length - 1;
      const block = blocks[last] as string;
      blocks[last] = block.slice(0, block.length - partialTagAtEnd(block, CLOSE));
    } else {
      answer = answer.slice(0, answer.length - partialTagAtEnd(answer, OPEN));
    }
  }
  if (blocks.length > 0) answer = answer.replace(/^\s+/, '');
  const thinking = blocks
    .map((b) => b.trim())
    .filter(Boolean)
    .join('\n\n');
  return { answer, thinking, open };
}
