/**
 * Errors of the command line itself (usage, files), with the exit code each maps to. Errors of the
 * shared code (AppError: a damaged pack, an unknown model) map to codes in exitCodeOf.
 */
import { AppError } from '../src/lib/errors';

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  inputNotFound: 3,
  packUnreadable: 4,
  unknownModel: 5,
} as const;

export type CliErrorCode = 'USAGE' | 'INPUT_NOT_FOUND' | 'NOTHING_TO_PACK' | 'QUERIES_INVALID';

const EXIT_BY_CLI_CODE: Record<CliErrorCode, number> = {
  USAGE: EXIT.usage,
  INPUT_NOT_FOUND: EXIT.inputNotFound,
  NOTHING_TO_PACK: EXIT.failed,
  QUERIES_INVALID: EXIT.usage,
};

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly code: CliErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return EXIT_BY_CLI_CODE[error.code];
  if (error instanceof AppError) {
    if (error.code === 'PACK_DAMAGED' || error.code === 'PACK_VERSION_UNSUPPORTED') return EXIT.packUnreadable;
    if (error.code === 'MODEL_NOT_IN_CATALOG' || error.code === 'PACK_EMBEDDER_UNKNOWN') return EXIT.unknownModel;
  }
  return EXIT.failed;
}
