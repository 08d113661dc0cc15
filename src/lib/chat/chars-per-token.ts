/**
 * How many characters of prompt one token of the loaded model holds, learned from the engine's own
 * count of each prompt it read. Tokenizers differ a lot (about 4 characters per token for large
 * English vocabularies, under 2 for tiny ones or for scripts such as Japanese), so a fixed guess either
 * wastes the window or overflows it. The smallest ratio seen for a model is kept, with a margin: the
 * next prompt may be in a denser language than the last.
 */
const MARGIN = 0.9;

export class CharsPerToken {
  readonly #seen = new Map<string, number>();

  /** Records one prompt: its characters and the tokens the engine counted for it. */
  observe(modelId: string, chars: number, tokens: number): void {
    if (!(chars > 0) || !(tokens > 0)) return;
    const ratio = (chars / tokens) * MARGIN;
    const known = this.#seen.get(modelId);
    this.#seen.set(modelId, known === undefined ? ratio : Math.min(known, ratio));
  }

  /** The ratio to budget with, or undefined before the model has read a prompt. */
  ratio(modelId: string): number | undefined {
    return this.#seen.get(modelId);
  }
}

/** The characters a prompt's messages hold. */
export function promptChars(messages: readonly { content: string }[]): number {
  return messages.reduce((n, m) => n + m.content.length, 0);
}
