/** The bar at the top of every screen. */
export const header = {
  'header.models': 'Models',
  'header.settings': 'Settings',
} as const;
