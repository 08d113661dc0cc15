import type { helpers as en } from '../en/helpers';

export const helpers: Record<keyof typeof en, string> = {
  'helpers.title': 'Suchhelfer',
  'helpers.intro': 'Zwei kleine Modelle finden die Textstellen, aus denen eine Antwort geschrieben wird. Sie laufen auf dem Prozessor; jede Bibliothek lädt das erste herunter.',
  'helpers.embedder.what': 'Ein Embedding-Modell: Es verwandelt Ihre Dokumente und Fragen in Zahlenreihen, die ihre Bedeutung festhalten, sodass Hearth Textstellen findet, die meinen, was Sie fragen, auch in anderen Worten.',
  'helpers.reranker.what': 'Ein Reranker: Er liest die zu einer Frage gefundenen Textstellen noch einmal und stellt die passendsten nach vorn. Die Antworten werden besser; jede Frage dauert etwas länger.',
  'helpers.facts': '{size} Download · braucht etwa {memory} Arbeitsspeicher · {languages}',
  'helpers.state.inUse': 'in Gebrauch',
  'helpers.state.downloading': 'wird heruntergeladen',
  'helpers.state.waiting': 'wird beim Start von Hearth heruntergeladen',
  'helpers.state.notUsed': 'nicht verwendet',
  'helpers.state.on': 'an auf diesem Gerät',
  'helpers.state.off': 'aus (Einstellungen → Erweitert schaltet ihn ein)',
};
