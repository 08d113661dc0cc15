/**
 * Did the model answer with the fixed "the documents don't say" sentence it is told to use
 * (core/prompt.ts)? Small models paraphrase it, add a citation or a full stop, or translate the
 * quotes, so the check is on the normalised start of the answer, not an exact match.
 */
import { DONT_KNOW } from '../core/prompt';

const norm = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\[[\d,\s–-]*\]/g, '')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const FIXED = norm(DONT_KNOW);
const VARIANTS = [FIXED, norm("I don't know"), norm("The documents don't say"), norm('The contexts do not answer the question'), norm("The contexts don't say")];

/** True when the whole answer is (a variant of) the don't-know sentence, perhaps with a short tail. */
export function isDontKnow(answer: string): boolean {
  const text = norm(answer);
  if (!text) return false;
  return VARIANTS.some((v) => text === v || (text.startsWith(v) && text.length <= v.length + 60));
}
