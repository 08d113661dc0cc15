import type { app as en } from '../en/app';

export const app: Record<keyof typeof en, string> = {
  'app.starting': 'Hearth startet…',
  'app.drawer.open': 'Chats und Dokumente',
  'app.drawer.close': 'Zurück zum Gespräch',
  'app.drop': 'Dateien loslassen, um sie zu Ihren Dokumenten hinzuzufügen',
  'app.drop.notReady': 'Dokumente können noch nicht hinzugefügt werden: Das Embedding-Modell ist noch nicht bereit.',
  'app.shortcuts.title': 'Tastenkürzel',
  'app.shortcuts.new-chat': 'Neuen Chat beginnen',
  'app.shortcuts.focus-question': 'Zum Fragefeld springen',
  'app.shortcuts.escape': 'Offenes Fenster oder offenen Dialog schließen; ist keiner offen, die entstehende Antwort anhalten',
  'app.progress.left': 'noch etwa {time}',
};
