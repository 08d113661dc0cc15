/** Words used all over the app. Each area of the interface has its own file beside this one. */
export const common = {
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.dismiss': 'Dismiss',
  'common.retry': 'Retry',
  'common.language': 'Language',
} as const;
