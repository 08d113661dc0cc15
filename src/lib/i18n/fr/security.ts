import type { security as en } from '../en/security';

export const security: Record<keyof typeof en, string> = {
  'security.addressNotAllowed':
    'Cette installation de Hearth ne peut télécharger que depuis les adresses prévues lors de sa mise en place, et {origin} n’en fait pas partie. Utilisez une autre adresse, ou demandez à la personne qui gère Hearth pour vous de l’autoriser.',
};
