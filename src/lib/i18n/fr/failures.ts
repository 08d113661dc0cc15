import type { failures as en } from '../en/failures';

export const failures: Record<keyof typeof en, string> = {
  'failures.what.embedder': 'Le modèle d’embedding « {name} » n’a pas pu être chargé',
  'failures.what.llm': 'Le modèle de langage « {name} » n’a pas pu être chargé',
  'failures.what.catalog': 'Le catalogue de modèles n’a pas pu être chargé',
  'failures.what.storage': 'Les documents enregistrés sur cet appareil n’ont pas pu être lus',
  'failures.why.offline': 'Cet appareil est hors ligne.',
  'failures.why.unreachable': '{host} n’a pas répondu : le réseau ou ce serveur est en panne, ou l’adresse est fausse.',
  'failures.why.not-found': 'Ses fichiers ne sont pas sur {host} : l’adresse du catalogue ou la source des modèles est fausse.',
  'failures.why.blocked': '{host} a refusé le téléchargement : une connexion est peut-être nécessaire, ou un filtre réseau le bloque.',
  'failures.why.no-space': 'Il n’y a pas assez d’espace libre sur cet appareil.',
  'failures.why.memory': 'Cet appareil a manqué de mémoire pour ce modèle.',
  'failures.why.gpu': 'La puce graphique de cet appareil ne peut pas l’exécuter.',
  'failures.why.broken': 'Ses fichiers sont endommagés ou dans un format que Hearth ne sait pas lire.',
  'failures.why.unknown': 'Une erreur inattendue s’est produite (code {code}).',
  'failures.host.unknown': 'La source des modèles',
  'failures.hint.offline': 'Connectez-vous à Internet, puis appuyez sur Réessayer. Le téléchargement n’a lieu qu’une fois ; ensuite, Hearth fonctionne aussi hors ligne.',
  'failures.action.retry': 'Réessayer',
  'failures.action.smaller-model': 'Choisir un modèle plus petit',
  'failures.action.other-model': 'Choisir un autre modèle',
  'failures.action.free-space': 'Libérer de l’espace',
  'failures.action.settings': 'Changer la source des modèles',
  'failures.retrying': 'Nouvel essai…',
  'failures.embedderMissing':
    'Tant qu’il n’est pas chargé, on ne peut ni ajouter ni rechercher de documents. Les documents et conversations existants sont en sécurité, les anciennes conversations restent lisibles, et un modèle de langage peut toujours être choisi et téléchargé.',
  'failures.askBlocked': 'Le modèle d’embedding « {name} » n’est pas chargé : vos documents ne peuvent pas encore être recherchés. Appuyez sur Réessayer sous Documents.',
};
