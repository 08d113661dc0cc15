/**
 * Earlier turns for the prompt, so a follow-up is answered in context. Only the last few turns, each
 * question and answer shortened and stripped of citation markers (their numbers belonged to other
 * contexts), newest kept first when the budget is short: the budget drops old turns before it
 * drops passages beyond the first.
 */
import type { ChatMessageRecord } from '../storage/schema';

export interface Turn {
  question: string;
  answer: string;
}

const MAX_TURNS = 2;
const MAX_ANSWER_CHARS = 500;

/** The completed question–answer pairs before the current question, oldest first. */
export function earlierTurns(messages: readonly Pick<ChatMessageRecord, 'role' | 'content' | 'status' | 'kind'>[]): Turn[] {
  const turns: Turn[] = [];
  for (let i = 0; i + 1 < messages.length; i++) {
    const q = messages[i];
    const a = messages[i + 1];
    if (q?.role !== 'user' || a?.role !== 'assistant') continue;
    if (a.status !== 'done' || (a.kind ?? 'answer') !== 'answer' || !a.content.trim()) continue;
    const answer = a.content.replace(/\s*\[\d[\d,\s–-]*\]/g, '').replace(/\s+/g, ' ').trim();
    turns.push({ question: q.content.trim(), answer: answer.length > MAX_ANSWER_CHARS ? `${answer.slice(0, MAX_ANSWER_CHARS - 1)}…` : answer });
  }
  return turns.slice(-MAX_TURNS);
}

/** The newest turns whose text fits in `maxChars`, oldest first. */
export function turnsWithin(turns: readonly Turn[], maxChars: number): Turn[] {
  const kept: Turn[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const t = turns[i] as Turn;
    const size = t.question.length + t.answer.length + 24;
    if (used + size > maxChars) break;
    used += size;
    kept.unshift(t);
  }
  return kept;
}
