/** Size limits for added documents; beyond them a file is refused with advice, never half-stored. */
export const MAX_TEXT_FILE_BYTES = 20 * 1024 * 1024;
export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.text'] as const;
