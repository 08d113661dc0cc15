/** Every suite, in the order a full run takes them (cheap and foundational first). */
import type { Suite } from '../suite';
import { abstentionSuite } from './abstention';
import { answerSuite } from './answer';
import { contentionSuite } from './contention';
import { corpusIngestSuite } from './corpus-ingest';
import { cpuEnginesSuite } from './cpu-engines';
import { cpuBudgetSuite } from './cpu-budget';
import { appStartSuite } from './app-start';
import { appSuite } from './app';
import { denseQualitySuite } from './dense-quality';
import { documentParsingSuite } from './document-parsing';
import { embeddingSuite } from './embedding';
import { embeddingDeviceSuite } from './embedding-device';
import { indexLoadSuite } from './index-load';
import { ingestionSuite } from './ingestion';
import { llmSuite } from './llm';
import { followUpSuite } from './follow-up';
import { packsSuite } from './packs';
import { renderSuite } from './render';
import { peaksSuite } from './peaks';
import { retrievalLatencySuite } from './retrieval-latency';
import { retrievalQualitySuite } from './retrieval-quality';

export const SUITES: readonly Suite[] = [peaksSuite, retrievalQualitySuite, abstentionSuite, cpuBudgetSuite, documentParsingSuite, denseQualitySuite, embeddingSuite, embeddingDeviceSuite, retrievalLatencySuite, indexLoadSuite, packsSuite, llmSuite, cpuEnginesSuite, followUpSuite, ingestionSuite, corpusIngestSuite, appStartSuite, appSuite, answerSuite, contentionSuite, renderSuite];
