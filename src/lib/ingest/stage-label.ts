/** What a file in the ingestion queue is doing, in words: "Reading page 40 of 352 · about 1 min left". */
import type { Words } from '../i18n/translate';
import { durationIn } from '../i18n/units';

export interface StageView {
  stage: 'waiting' | 'loading' | 'reading' | 'chunking' | 'embedding' | 'saving';
  done: number;
  total: number;
  unit: 'page' | 'part' | 'passage';
  secondsLeft: number | null;
}

export function stageLabel(w: Words, v: StageView): string {
  const of = { n: Math.min(v.done + 1, v.total), total: v.total };
  let text: string;
  switch (v.stage) {
    case 'reading':
      text = v.unit === 'page' && v.total > 1 ? w.t('progress.ingest.readingPage', of) : w.t('progress.ingest.reading');
      break;
    case 'embedding':
      text = w.t('progress.ingest.embedding', of);
      break;
    default:
      text = w.t(`progress.ingest.${v.stage}`);
  }
  if (v.secondsLeft !== null && v.secondsLeft >= 2 && v.stage !== 'waiting') text = w.t('progress.ingest.left', { text, time: durationIn(w, v.secondsLeft) });
  return text;
}
