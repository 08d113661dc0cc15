import type { helpers as en } from '../en/helpers';

export const helpers: Record<keyof typeof en, string> = {
  'helpers.title': 'Aides à la recherche',
  'helpers.intro': 'Deux petits modèles trouvent les passages à partir desquels une réponse est rédigée. Ils tournent sur le processeur ; toute bibliothèque télécharge le premier.',
  'helpers.embedder.what': 'Un modèle d’embedding : il transforme vos documents et vos questions en suites de nombres qui en saisissent le sens, pour que Hearth trouve les passages qui disent ce que vous demandez, même en d’autres mots.',
  'helpers.reranker.what': 'Un reclasseur : il relit les passages trouvés pour une question et met les plus pertinents en tête. Les réponses sont meilleures ; chaque question prend un peu plus de temps.',
  'helpers.facts': '{size} à télécharger · demande environ {memory} de mémoire · {languages}',
  'helpers.state.inUse': 'utilisé',
  'helpers.state.downloading': 'téléchargement',
  'helpers.state.waiting': 'téléchargé au démarrage de Hearth',
  'helpers.state.notUsed': 'non utilisé',
  'helpers.state.on': 'activé sur cet appareil',
  'helpers.state.off': 'désactivé (Paramètres → Avancé l’active)',
};
