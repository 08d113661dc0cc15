/**
 * The pure side of the conversation list: what a list row shows (title, when, how long), the title
 * a conversation gets from its first question, and the search match (case- and accent-insensitive
 * substring over the title and every message).
 */
import type { ChatMessageRecord, ConversationRecord } from './schema';

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
  /** Questions asked (user messages). */
  questionCount: number;
}

/** Longest title kept (an automatic one is the first question cut to this length). */
export const TITLE_MAX = 80;

type Said = Pick<ChatMessageRecord, 'role' | 'content'>;

/** The title of a conversation nobody renamed: its first question (cut), else "Conversation". */
export function autoTitle(messages: readonly Said[]): string {
  const first = messages.find((m) => m.role === 'user');
  return first?.content.slice(0, TITLE_MAX) || 'Conversation';
}

/** A title typed by the person: one line, trimmed, at most TITLE_MAX characters; '' means none. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX).trim();
}

export function summarize(record: ConversationRecord): ConversationSummary {
  return {
    id: record.id,
    title: record.title,
    updatedAt: record.updatedAt,
    messageCount: record.messages.length,
    questionCount: record.messages.filter((m) => m.role === 'user').length,
  };
}

/** Newest first (ties: by id, so the order is stable). */
export function byNewest(a: { updatedAt: number; id: string }, b: { updatedAt: number; id: string }): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Letters that carry their mark in the letter itself (NFD does not split them). */
const UNSPLIT: Record<string, string> = { đ: 'd', ð: 'd', ø: 'o', ł: 'l', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', ħ: 'h' };

/** Lowercase with accents and other combining marks removed: "Élan Đà" → "elan da". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[đðøłıßæœħ]/g, (c) => UNSPLIT[c] ?? c);
}

/** Does `query` (already folded, see foldForSearch) occur in the title or in any message? */
export function conversationMatches(record: ConversationRecord, foldedQuery: string): boolean {
  if (!foldedQuery) return true;
  if (foldForSearch(record.title).includes(foldedQuery)) return true;
  return record.messages.some((m) => foldForSearch(m.content).includes(foldedQuery) || (m.extracts ?? []).some((e) => foldForSearch(e.text).includes(foldedQuery)));
}
