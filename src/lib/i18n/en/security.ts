/** Messages about this installation's security policy (which addresses Hearth may connect to). */
export const security = {
  'security.addressNotAllowed':
    'This copy of Hearth may only download from the addresses it was set up with, and {origin} is not one of them. Use another address, or ask whoever runs Hearth for you to allow this one.',
} as const;
