/**
 * llama.cpp's chat parser hands a reasoning model's thinking over apart from its answer
 * (`delta.reasoning_content`, for whatever tags the model's template uses, and also when the template
 * opened the block in the prompt). The LLM worker's protocol carries one text, as web-llm streams
 * it: thinking inside `<think>…</think>`. This puts the tags back around the thinking, so the page
 * splits both engines' output the same way (src/lib/chat/thinking.ts).
 */
export class ReasoningText {
  #inside = false;

  /** The text for one streamed chunk with its thinking (`reasoning`) and its answer (`content`). */
  piece(reasoning: string | null | undefined, content: string | null | undefined): string {
    let out = '';
    if (reasoning) {
      if (!this.#inside) out += '<think>';
      this.#inside = true;
      out += reasoning;
    }
    if (content) {
      if (this.#inside) out += '</think>';
      this.#inside = false;
      out += content;
    }
    return out;
  }
}
