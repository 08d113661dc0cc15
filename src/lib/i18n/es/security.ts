import type { security as en } from '../en/security';

export const security: Record<keyof typeof en, string> = {
  'security.addressNotAllowed':
    'Esta instalación de Hearth solo puede descargar desde las direcciones con las que se configuró, y {origin} no es una de ellas. Use otra dirección o pida a quien gestiona Hearth para usted que la permita.',
};
