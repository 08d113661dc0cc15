import type { badge as en } from '../en/badge';

export const badge: Record<keyof typeof en, string> = {
  'badge.openElsewhere': 'in einem anderen Fenster geöffnet',
  'badge.gpuReset': 'GPU zurückgesetzt, lädt bei der nächsten Frage neu',
  'badge.restarted': 'neu gestartet, lädt bei der nächsten Frage neu',
  'badge.attention': 'braucht Aufmerksamkeit',
  'badge.starting': 'startet…',
  'badge.ready': 'bereit',
  'badge.downloadingElsewhere': 'wird in einem anderen Hearth-Fenster heruntergeladen',
  'badge.downloaded': 'heruntergeladen, lädt bei der ersten Frage',
  'badge.builtInReady': 'lädt bei der ersten Frage (nichts herunterzuladen)',
  'badge.builtInDownload': 'der Browser lädt es beim ersten Gebrauch herunter',
  'badge.loadsFirst': 'lädt bei der ersten Frage ({size})',
  'badge.loading': 'Modell wird geladen',
  'badge.elsewhereLabel': 'Modell in einem anderen Fenster geöffnet',
  'badge.openThere': 'Dort geöffnet: {names}.',
  'badge.useThere': 'Dort verwenden',
  'badge.moving': 'Wird hierher geholt…',
  'badge.moveHere': 'Hierher holen',
  'badge.loadToo': 'Auch hier laden',
  'badge.bothFit': 'Dieses Gerät scheint genug Speicher für beide zu haben; der Grafikspeicher kann trotzdem knapp werden, und dann stoppt das Modell in beiden Fenstern.',
};
