import type { pwa as en } from '../en/pwa';

export const pwa: Record<keyof typeof en, string> = {
  'pwa.install': 'Installer',
  'pwa.install.title': 'Installer Hearth comme application sur cet appareil : elle s’ouvre dans sa propre fenêtre, même hors ligne.',
  'pwa.offline': 'Hors ligne — tout ce qui est sur cet appareil fonctionne encore.',
  'pwa.update.ready': 'Une nouvelle version de Hearth est prête.',
  'pwa.update.button': 'Mettre à jour',
  'pwa.update.later': 'Plus tard',
  'pwa.update.afterAnswer': 'Hearth se mettra à jour dès que la réponse en cours de rédaction sera terminée.',
  'pwa.update.afterDocuments': 'Hearth se mettra à jour dès que les documents en cours d’ajout seront enregistrés.',
  'pwa.update.afterTransfer': 'Hearth se mettra à jour dès que le téléchargement, l’import ou la sauvegarde en cours sera terminé.',
  'pwa.update.applying': 'Mise à jour de Hearth…',
  'pwa.launch.add': 'Choisissez les fichiers à ajouter : appuyez sur « Add documents », ou déposez des fichiers sur cette fenêtre.',
  'pwa.shared.file': '« {name} », partagé avec Hearth, est en cours d’ajout à votre bibliothèque.',
  'pwa.shared.files': '{count} fichiers partagés avec Hearth sont en cours d’ajout à votre bibliothèque : {names}.',
  'pwa.shared.text': 'Le texte partagé est en cours d’ajout à votre bibliothèque comme document « {name} ».',
  'pwa.shared.textTitle': 'Texte partagé',
  'pwa.shared.nothing': 'Rien n’est arrivé du partage : il était vide, ou il a déjà été ajouté. Partagez-le à nouveau s’il manque quelque chose.',
  'pwa.shared.failed': 'Le contenu partagé n’a pas pu être conservé (le navigateur n’a peut-être plus de place). Partagez-le à nouveau, ou ajoutez les fichiers avec « Add documents ».',
  'pwa.opened.file': '« {name} », ouvert avec Hearth, est en cours d’ajout à votre bibliothèque.',
  'pwa.opened.files': '{count} fichiers ouverts avec Hearth sont en cours d’ajout à votre bibliothèque : {names}.',
};
