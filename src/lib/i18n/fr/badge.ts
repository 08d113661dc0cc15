import type { badge as en } from '../en/badge';

export const badge: Record<keyof typeof en, string> = {
  'badge.openElsewhere': 'ouvert dans une autre fenêtre',
  'badge.gpuReset': 'puce graphique réinitialisée, se recharge à la prochaine question',
  'badge.restarted': 'redémarré, se recharge à la prochaine question',
  'badge.attention': 'demande votre attention',
  'badge.starting': 'démarrage…',
  'badge.ready': 'prêt',
  'badge.downloadingElsewhere': 'téléchargement dans une autre fenêtre Hearth',
  'badge.downloaded': 'téléchargé, se charge à la première question',
  'badge.builtInReady': 'se charge à la première question (rien à télécharger)',
  'badge.builtInDownload': 'le navigateur le télécharge à la première utilisation',
  'badge.loadsFirst': 'se charge à la première question ({size})',
  'badge.loading': 'Chargement du modèle',
  'badge.elsewhereLabel': 'Modèle ouvert dans une autre fenêtre',
  'badge.openThere': 'Ouvert là-bas : {names}.',
  'badge.useThere': 'L’utiliser là-bas',
  'badge.moving': 'Transfert ici…',
  'badge.moveHere': 'Le transférer ici',
  'badge.loadToo': 'Le charger ici aussi',
  'badge.bothFit': 'Cet appareil semble avoir assez de mémoire pour les deux ; la mémoire graphique peut tout de même manquer, ce qui arrête le modèle dans les deux fenêtres.',
};
