import type { app as en } from '../en/app';

export const app: Record<keyof typeof en, string> = {
  'app.starting': 'Démarrage de Hearth…',
  'app.drawer.open': 'Discussions et documents',
  'app.drawer.close': 'Retour à la conversation',
  'app.drop': 'Déposez les fichiers pour les ajouter à vos documents',
  'app.drop.notReady': 'Impossible d’ajouter des documents pour l’instant : le modèle d’embedding n’est pas prêt.',
  'app.shortcuts.title': 'Raccourcis clavier',
  'app.shortcuts.new-chat': 'Commencer une nouvelle discussion',
  'app.shortcuts.focus-question': 'Aller au champ de question',
  'app.shortcuts.escape': 'Fermer le panneau ou la boîte de dialogue ouverte ; sinon, arrêter la réponse en cours',
  'app.progress.left': 'encore environ {time}',
};
