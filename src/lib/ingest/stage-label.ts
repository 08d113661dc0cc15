/** What a file in the ingestion queue is doing, in words: "Reading page 40 of 352 · about 1 min left". */
import { formatDuration } from '../models/format';

export interface StageView {
  stage: 'waiting' | 'loading' | 'reading' | 'chunking' | 'embedding' | 'saving';
  done: number;
  total: number;
  unit: 'page' | 'part' | 'passage';
  secondsLeft: number | null;
}

export function stageLabel(v: StageView): string {
  const of = `${Math.min(v.done + 1, v.total)} of ${v.total}`;
  let text: string;
  switch (v.stage) {
    case 'waiting':
      text = 'Waiting for the file before it';
      break;
    case 'loading':
      text = 'Getting the indexing model ready';
      break;
    case 'reading':
      text = v.unit === 'page' && v.total > 1 ? `Reading page ${of}` : 'Reading';
      break;
    case 'chunking':
      text = 'Splitting into passages';
      break;
    case 'embedding':
      text = `Indexing passage ${of}`;
      break;
    case 'saving':
      text = 'Saving';
      break;
  }
  if (v.secondsLeft !== null && v.secondsLeft >= 2 && v.stage !== 'waiting') text += ` · about ${formatDuration(v.secondsLeft)} left`;
  return text;
}
