/**
 * The list of saved conversations: search, open, start a new one, rename, delete (with a few
 * seconds to undo), export one as Markdown. The chat itself (ChatState) shows one conversation;
 * this state switches it and follows its saves.
 */
import { AppError, appError } from '../errors';
import { conversationFile } from '../chat/export-markdown';
import { byNewest, cleanTitle, summarize, type ConversationSummary } from '../storage/conversation-summary';
import { deleteAllConversations, deleteConversation, getConversation, listConversations, renameConversation, saveConversation, searchConversations } from '../storage/conversations';
import { onLibraryChange } from '../storage/library-changes';
import type { ConversationRecord } from '../storage/schema';
import { scrubConversation } from '../storage/scrub-document';
import type { ChatState } from './chat.svelte';

/** How long a deleted conversation can be brought back. */
export const UNDO_MS = 8000;

/** How many chats the list draws at first, and how many more each "Show older" adds. */
export const LIST_PAGE = 50;

export interface DeletedConversation {
  record: ConversationRecord;
  /** It was the open conversation (undo opens it again when the chat is still empty). */
  wasOpen: boolean;
}

export interface ConversationsOptions {
  /** Another conversation is shown (e.g. close the cited-passage panel of the previous one). */
  onSwitch?: () => void;
}

export class ConversationsState {
  items = $state.raw<ConversationSummary[]>([]);
  /** The search text; the list shows only matching conversations while it is not blank. */
  query = $state('');
  loaded = $state(false);
  deleted = $state.raw<DeletedConversation | null>(null);
  error = $state.raw<AppError | null>(null);
  /** How many of `items` the list draws: a long history stays a short page (DOM, memory). */
  shown = $state(LIST_PAGE);
  #chat: ChatState;
  #options: ConversationsOptions;
  /** Only the newest list read is shown (typing fast starts several searches). */
  #reads = 0;
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(chat: ChatState, options: ConversationsOptions = {}) {
    this.#chat = chat;
    this.#options = options;
    // Another window saved, renamed or deleted a conversation: the list follows.
    onLibraryChange((change) => {
      if (change.kind === 'conversations') void this.refresh();
    });
  }

  get openId(): string {
    return this.#chat.id;
  }

  get searching(): boolean {
    return this.query.trim() !== '';
  }

  /** The chats drawn now, newest first. */
  get visible(): ConversationSummary[] {
    return this.items.length > this.shown ? this.items.slice(0, this.shown) : this.items;
  }

  /** How many older chats are not drawn yet. */
  get hidden(): number {
    return Math.max(0, this.items.length - this.shown);
  }

  showMore(): void {
    this.shown += LIST_PAGE;
  }

  async refresh(): Promise<void> {
    const read = ++this.#reads;
    const query = this.query.trim();
    try {
      const items = query ? await searchConversations(query) : await listConversations();
      if (read === this.#reads) this.items = items;
    } catch (error) {
      this.#fail(error);
    } finally {
      if (read === this.#reads) this.loaded = true;
    }
  }

  search(text: string): Promise<void> {
    this.query = text;
    this.shown = LIST_PAGE;
    return this.refresh();
  }

  /** The chat saved a conversation (ChatDeps.onSaved): move it to the top of the list. */
  saved(record: ConversationRecord): void {
    if (this.searching) {
      void this.refresh();
      return;
    }
    this.items = [summarize(record), ...this.items.filter((i) => i.id !== record.id)].sort(byNewest);
  }

  async open(id: string): Promise<void> {
    if (id === this.#chat.id) return;
    try {
      const record = await getConversation(id);
      if (!record) {
        this.error = appError('STORAGE_FAILED', { message: 'That conversation is no longer stored.' });
        await this.refresh();
        return;
      }
      this.#options.onSwitch?.();
      void this.#chat.load(record);
    } catch (error) {
      this.#fail(error);
    }
  }

  newChat(): void {
    if (this.#chat.messages.length === 0) return;
    this.#options.onSwitch?.();
    void this.#chat.newConversation();
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = cleanTitle(title);
    const before = this.items;
    if (!clean || before.find((i) => i.id === id)?.title === clean) return;
    this.items = before.map((i) => (i.id === id ? { ...i, title: clean } : i));
    try {
      const stored = await renameConversation(id, clean);
      if (!stored) {
        this.items = before;
        return;
      }
      if (id === this.#chat.id) this.#chat.retitle(clean);
    } catch (error) {
      this.items = before;
      this.#fail(error);
    }
  }

  /** Delete now; `undo()` brings it back for UNDO_MS. Deleting the open conversation starts a new one. */
  async remove(id: string): Promise<void> {
    const before = this.items;
    this.items = before.filter((i) => i.id !== id);
    const wasOpen = id === this.#chat.id;
    try {
      if (wasOpen) {
        this.#options.onSwitch?.();
        // An answer still running is stopped and saved first, so it cannot bring the record back.
        await this.#chat.newConversation();
      }
      const record = await getConversation(id);
      if (!record) return;
      await deleteConversation(id);
      // (the save of a stopped answer may have put it back in the list meanwhile)
      this.items = this.items.filter((i) => i.id !== id);
      this.#offerUndo({ record, wasOpen });
    } catch (error) {
      this.items = before;
      this.#fail(error);
    }
  }

  /**
   * Delete every conversation, with no undo (the Storage panel asks first). The open one is closed
   * first, so an answer still running cannot save it back.
   * @throws AppError STORAGE_FAILED when the store cannot be cleared.
   */
  async removeAll(): Promise<void> {
    this.dismissUndo();
    this.#options.onSwitch?.();
    await this.#chat.newConversation();
    await deleteAllConversations();
    await this.refresh();
  }

  async undo(): Promise<void> {
    const deleted = this.deleted;
    if (!deleted) return;
    this.dismissUndo();
    try {
      await saveConversation(deleted.record);
      if (deleted.wasOpen && this.#chat.messages.length === 0 && !this.#chat.busy) {
        this.#options.onSwitch?.();
        void this.#chat.load(structuredClone(deleted.record));
      }
      await this.refresh();
    } catch (error) {
      this.#fail(error);
    }
  }

  /** A document was deleted: a chat waiting for Undo must not bring its text back. */
  documentRemoved(docId: string): void {
    const deleted = this.deleted;
    if (deleted) deleted.record = scrubConversation(deleted.record, new Set([docId])) ?? deleted.record;
  }

  dismissUndo(): void {
    clearTimeout(this.#undoTimer);
    this.deleted = null;
  }

  /** The open conversation, as saved, as a Markdown file; null when it has not been saved yet. */
  async exportOpen(): Promise<File | null> {
    try {
      const record = await getConversation(this.#chat.id);
      return record ? conversationFile(record) : null;
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  dismissError(): void {
    this.error = null;
  }

  #offerUndo(deleted: DeletedConversation): void {
    clearTimeout(this.#undoTimer);
    this.deleted = deleted;
    this.#undoTimer = setTimeout(() => {
      if (this.deleted === deleted) this.deleted = null;
    }, UNDO_MS);
  }

  #fail(error: unknown): void {
    this.error = error instanceof AppError ? error : appError('STORAGE_FAILED', { detail: String(error) });
  }
}
