import type { security as en } from '../en/security';

export const security: Record<keyof typeof en, string> = {
  'security.addressNotAllowed':
    'Diese Hearth-Installation darf nur von den Adressen herunterladen, mit denen sie eingerichtet wurde, und {origin} gehört nicht dazu. Verwenden Sie eine andere Adresse oder bitten Sie die Person, die Hearth für Sie betreibt, diese zu erlauben.',
};
