/** Every suite, in the order a full run takes them (cheap and foundational first). */
import type { Suite } from '../suite';
import { embeddingSuite } from './embedding';
import { peaksSuite } from './peaks';
import { retrievalLatencySuite } from './retrieval-latency';

export const SUITES: readonly Suite[] = [peaksSuite, embeddingSuite, retrievalLatencySuite];
