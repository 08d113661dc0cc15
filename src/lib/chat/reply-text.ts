/**
 * The text of a reply as the model writes it: the raw output is kept here, and the message only ever
 * holds its answer (`content`) and, apart, its thinking (`thinking`, see thinking.ts). So the chat
 * screen, citations, Copy, the export, the don't-know check and the next question's history all see
 * the answer alone, from the first streamed token to the stored message.
 */
import type { ChatMessageRecord } from '../storage/schema';
import { splitThinking } from './thinking';

export type ReplyFields = Pick<ChatMessageRecord, 'content' | 'thinking'>;

export class ReplyText {
  #raw = '';
  readonly #reply: ReplyFields;

  constructor(reply: ReplyFields) {
    this.#reply = reply;
  }

  /** The model's output so far. */
  get raw(): string {
    return this.#raw;
  }

  /** More streamed text. */
  append(piece: string): void {
    if (!piece) return;
    this.#raw += piece;
    this.#show(false);
  }

  /** The whole output, once the model is done (or stopped): nothing is held back any more. */
  finish(text: string = this.#raw): void {
    this.#raw = text;
    this.#show(true);
  }

  #show(final: boolean): void {
    const { answer, thinking } = splitThinking(this.#raw, { final });
    if (this.#reply.content !== answer) this.#reply.content = answer;
    if (thinking) {
      if (this.#reply.thinking !== thinking) this.#reply.thinking = thinking;
    } else if (this.#reply.thinking !== undefined) {
      delete this.#reply.thinking;
    }
  }
}
