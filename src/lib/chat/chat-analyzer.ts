/**
 * The analyzer of the chat's own text work (quick extracts, follow-up questions): the index's
 * analyzer with a small stem cache. The page analyzes a few passages per question, so a large cache
 * saves little there, and over a long session it would come to hold the whole library's vocabulary
 * (4.65 MiB of heap for the soak's 200 SQuAD documents, measured in Node).
 */
import { createAnalyzer, type Analyzer } from '../core/analyzer';

export const analyzeChatText: Analyzer = createAnalyzer({ stemCacheLimit: 4096 });
