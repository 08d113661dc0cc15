import type { pwa as en } from '../en/pwa';

export const pwa: Record<keyof typeof en, string> = {
  'pwa.install': 'Installieren',
  'pwa.install.title': 'Hearth als App auf diesem Gerät installieren: Es öffnet sich in einem eigenen Fenster, auch offline.',
  'pwa.offline': 'Offline – alles auf diesem Gerät funktioniert weiterhin.',
  'pwa.update.ready': 'Eine neue Version von Hearth ist bereit.',
  'pwa.update.button': 'Aktualisieren',
  'pwa.update.later': 'Später',
  'pwa.update.afterAnswer': 'Hearth wird aktualisiert, sobald die Antwort, die gerade geschrieben wird, fertig ist.',
  'pwa.update.afterDocuments': 'Hearth wird aktualisiert, sobald die Dokumente, die gerade hinzugefügt werden, gespeichert sind.',
  'pwa.update.afterTransfer': 'Hearth wird aktualisiert, sobald der laufende Download, Import oder die Sicherung abgeschlossen ist.',
  'pwa.update.applying': 'Hearth wird aktualisiert …',
  'pwa.launch.add': 'Wählen Sie die Dateien aus: Klicken Sie auf „Add documents“ oder ziehen Sie Dateien in dieses Fenster.',
  'pwa.shared.file': '„{name}“, mit Hearth geteilt, wird Ihrer Bibliothek hinzugefügt.',
  'pwa.shared.files': '{count} mit Hearth geteilte Dateien werden Ihrer Bibliothek hinzugefügt: {names}.',
  'pwa.shared.text': 'Der geteilte Text wird Ihrer Bibliothek als Dokument „{name}“ hinzugefügt.',
  'pwa.shared.textTitle': 'Geteilter Text',
  'pwa.shared.nothing': 'Aus dem Teilen ist nichts angekommen: Es war leer oder wurde schon hinzugefügt. Teilen Sie es erneut, falls etwas fehlt.',
  'pwa.shared.failed': 'Das Geteilte konnte nicht aufbewahrt werden (der Browser hat vielleicht keinen Platz mehr). Teilen Sie es erneut oder fügen Sie die Dateien mit „Add documents“ hinzu.',
  'pwa.opened.file': '„{name}“, mit Hearth geöffnet, wird Ihrer Bibliothek hinzugefügt.',
  'pwa.opened.files': '{count} mit Hearth geöffnete Dateien werden Ihrer Bibliothek hinzugefügt: {names}.',
};
