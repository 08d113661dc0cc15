/**
 * One error model for the whole app: every failure a user can meet has a stable code, a named
 * class and a message that says what to do next. Errors cross postMessage as {code, message, detail}
 * and are rebuilt as the same class on the other side (see `toWire` / `fromWire`).
 */
import { supportedSummary } from './ingest/formats';

export const ERROR_CODES = {
  // documents
  EMPTY_FILE: 'The file is empty. Choose a file that contains text.',
  BINARY_FILE: 'This file does not look like text. Save it as text (UTF-8) or as a PDF, then add it again.',
  FILE_TOO_LARGE: 'The file is too large. Split it into smaller files and add them one by one.',
  UNSUPPORTED_FILE: `This file type is not supported. Hearth reads ${supportedSummary()}.`,
  FILE_TYPE_MISMATCH: 'The contents of this file do not match its name. Check that it is the file you meant, and give it the right extension.',
  FILE_DAMAGED: 'This file is damaged or incomplete, so Hearth cannot read it. Open it in its own app, save a fresh copy and add that.',
  PDF_PASSWORD_REQUIRED: 'This PDF is protected with a password. Enter its password to add it.',
  PDF_PASSWORD_WRONG: 'That password does not open this PDF. Check it and try again.',
  ARCHIVE_TOO_LARGE: 'This file would unpack to far more data than a document holds, so Hearth refused to open it. If it is a real document, save it again from Word.',
  NO_TEXT: 'No readable text was found in this file. If it is a scan, run it through text recognition (OCR) first.',
  DUPLICATE_DOCUMENT: 'This document is already in your library.',
  NAME_TAKEN: 'A different version of this document is already in your library. Replace it, or keep both.',
  NO_DOCUMENTS: 'There are no documents yet. Add a document first, then ask about it.',
  EMPTY_QUESTION: 'Type a question first.',
  DOCUMENT_NOT_FOUND: 'That document is no longer stored.',
  INGEST_INTERRUPTED: 'Hearth stopped while adding this file, so it was not added. Add it again.',
  // knowledge packs
  PACK_DAMAGED: 'This knowledge pack is damaged or is not a Hearth pack, so nothing was imported. Ask for a fresh copy of the .hearth file.',
  PACK_VERSION_UNSUPPORTED: 'This knowledge pack was made by a newer Hearth. Update Hearth (reload it while online), then import the pack again.',
  PACK_EMPTY: 'There is nothing to put in a pack. Add documents, or tick the ones to export, then try again.',
  PACK_EMBEDDER_UNKNOWN: 'This knowledge pack was made with an embedding model Hearth does not know, so its passages cannot be searched by meaning. Make the pack again with a model from the catalog.',
  // backups
  BACKUP_DAMAGED: 'This backup is damaged or incomplete, so nothing was restored and your library is as it was. Restore from another copy of the backup, or make a new one.',
  BACKUP_NOT_A_BACKUP: 'This file is a knowledge pack, not a backup. Import it under Knowledge packs instead.',
  BACKUP_VERSION_UNSUPPORTED: 'This backup was made by a newer Hearth. Update Hearth (reload it while online), then restore the backup again.',
  BACKUP_EMPTY: 'There is nothing to back up yet. Add documents or ask a question first.',
  BACKUP_CHECK_FAILED: 'What was restored did not read back as the backup holds it, so the restore was undone and your library is as it was. Reload the page and restore again.',
  REEMBED_UNFINISHED: 'Documents kept arriving while the library was being embedded with the new model, so the switch is not finished. Search goes on with the current model; Hearth continues where it stopped when you reload.',
  // storage
  STORAGE_FULL: 'The browser has no room left for Hearth. Delete documents or models, then try again.',
  STORAGE_FAILED: 'The browser could not save the data. Reload the page and try again.',
  OFFLINE_CACHE_FULL: 'Hearth could not save itself for offline use (not enough space). It works now, but will not open without a connection. Free some space (delete models or documents you no longer use, or other sites’ data in the browser’s settings), then reload Hearth while online.',
  OFFLINE_CACHE_FAILED: 'Hearth could not save itself for offline use. It works now, but may not open without a connection. Reload Hearth while online to try again.',
  // catalog and models
  CATALOG_INVALID: 'The model catalog is broken. Fix models.json (or the catalog URL in Settings) and reload.',
  CATALOG_UNREACHABLE: 'The model catalog could not be loaded. Check the catalog URL in Settings.',
  MODEL_NOT_IN_CATALOG: 'That model is not in the catalog. Pick another model in Settings.',
  MODEL_FILE_NOT_FOUND: 'A model file could not be found at its address. Check the model source in Settings.',
  MODEL_DOWNLOAD_FAILED: 'The model download failed. Check your connection and try again.',
  MODEL_LOAD_FAILED: 'The model could not be loaded. Try again, or pick a smaller model.',
  WEBGPU_UNAVAILABLE: 'This device has no usable WebGPU. Pick a model for the WASM engine (GGUF).',
  SHADER_F16_UNSUPPORTED: 'This GPU cannot run f16 models. Pick the q4f32 variant of the model.',
  DEVICE_LOST:
    'The GPU stopped responding (the browser reset it), so the model stopped. Your documents and conversations are safe, and Hearth loads the model again with your next question. If this keeps happening, pick a smaller model.',
  OUT_OF_MEMORY: 'The device ran out of memory for this model. Pick a smaller model.',
  MODEL_OPEN_ELSEWHERE:
    'The language model is open in another Hearth window, and this device may not have the memory to hold it twice. Ask your question there, or use the choices at the top of this window, such as moving it here.',
  DOWNLOADING_ELSEWHERE: 'This model is being downloaded in another Hearth window. Let it finish or cancel it there, then try again.',
  MODEL_IMPORT_INVALID: 'These files are not a model Hearth can import. Choose a .gguf file, or a folder with mlc-chat-config.json, tensor-cache.json, its weight shards and the model library (.wasm).',
  // the browser's own model (Prompt API)
  BUILT_IN_MODEL_UNAVAILABLE: "The browser's built-in model is not available on this device now. Pick another model in Models.",
  BUILT_IN_MODEL_NOT_ALLOWED:
    "The browser did not let Hearth use its built-in model. If it still has to download it, choose it again in Models (the browser starts a download only after a click); a browser setting or policy may also switch it off.",
  // generation
  GENERATION_FAILED: 'The answer could not be generated. Try again.',
  PROMPT_TOO_LONG: 'The question and its passages are too long for this model. Ask a shorter question, or use fewer passages in Settings.',
  BUILT_IN_LANGUAGE_UNSUPPORTED: "The browser's built-in model does not handle the language of this question or its passages. Ask in a language Models lists for it, or pick another model.",
  ANSWER_WITHHELD: "The browser's built-in model withheld this answer (the browser's own filter stopped it). Ask differently, or pick another model in Models.",
  ABORTED: 'Stopped.',
  WORKER_CRASHED: 'A background worker stopped unexpectedly. Hearth restarted it; try again.',
  WORKER_HUNG: 'A background worker stopped responding, so Hearth restarted it. Try again.',
  EMBEDDING_FAILED: 'The text could not be embedded. Try again, or reload the page.',
  EMBEDDER_UNAVAILABLE: 'The embedding model is not loaded, so documents cannot be added or searched yet. Press Retry under Documents.',
  GPU_EMBEDDING_FAILED: 'The GPU could not embed the text, so Hearth embeds it on the CPU instead.',
  INTERNAL: 'Something went wrong inside Hearth. Reload the page and try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  /** Extra facts for logs and tests (a file name, a URL); never required to understand the message. */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message?: string, options?: { detail?: string; cause?: unknown }) {
    super(message ?? ERROR_CODES[code], { cause: options?.cause });
    this.code = code;
    this.detail = options?.detail;
  }
}

export class DocumentError extends AppError {
  override name = 'DocumentError';
}
export class StorageError extends AppError {
  override name = 'StorageError';
}
export class CatalogError extends AppError {
  override name = 'CatalogError';
}
export class ModelError extends AppError {
  override name = 'ModelError';
}
export class GenerationError extends AppError {
  override name = 'GenerationError';
}
export class WorkerCrashError extends AppError {
  override name = 'WorkerCrashError';
}

const CLASS_BY_CODE: Partial<Record<ErrorCode, typeof AppError>> = {
  EMPTY_FILE: DocumentError,
  BINARY_FILE: DocumentError,
  FILE_TOO_LARGE: DocumentError,
  UNSUPPORTED_FILE: DocumentError,
  FILE_TYPE_MISMATCH: DocumentError,
  FILE_DAMAGED: DocumentError,
  PDF_PASSWORD_REQUIRED: DocumentError,
  PDF_PASSWORD_WRONG: DocumentError,
  ARCHIVE_TOO_LARGE: DocumentError,
  NO_TEXT: DocumentError,
  DUPLICATE_DOCUMENT: DocumentError,
  NAME_TAKEN: DocumentError,
  NO_DOCUMENTS: DocumentError,
  EMPTY_QUESTION: DocumentError,
  DOCUMENT_NOT_FOUND: DocumentError,
  INGEST_INTERRUPTED: DocumentError,
  PACK_DAMAGED: DocumentError,
  PACK_VERSION_UNSUPPORTED: DocumentError,
  PACK_EMPTY: DocumentError,
  PACK_EMBEDDER_UNKNOWN: DocumentError,
  BACKUP_DAMAGED: DocumentError,
  BACKUP_NOT_A_BACKUP: DocumentError,
  BACKUP_VERSION_UNSUPPORTED: DocumentError,
  BACKUP_EMPTY: DocumentError,
  BACKUP_CHECK_FAILED: StorageError,
  REEMBED_UNFINISHED: StorageError,
  STORAGE_FULL: StorageError,
  STORAGE_FAILED: StorageError,
  OFFLINE_CACHE_FULL: StorageError,
  OFFLINE_CACHE_FAILED: StorageError,
  CATALOG_INVALID: CatalogError,
  CATALOG_UNREACHABLE: CatalogError,
  MODEL_NOT_IN_CATALOG: ModelError,
  MODEL_FILE_NOT_FOUND: ModelError,
  MODEL_DOWNLOAD_FAILED: ModelError,
  MODEL_LOAD_FAILED: ModelError,
  WEBGPU_UNAVAILABLE: ModelError,
  SHADER_F16_UNSUPPORTED: ModelError,
  DEVICE_LOST: ModelError,
  OUT_OF_MEMORY: ModelError,
  MODEL_OPEN_ELSEWHERE: ModelError,
  DOWNLOADING_ELSEWHERE: ModelError,
  MODEL_IMPORT_INVALID: ModelError,
  BUILT_IN_MODEL_UNAVAILABLE: ModelError,
  BUILT_IN_MODEL_NOT_ALLOWED: ModelError,
  GENERATION_FAILED: GenerationError,
  PROMPT_TOO_LONG: GenerationError,
  BUILT_IN_LANGUAGE_UNSUPPORTED: GenerationError,
  ANSWER_WITHHELD: GenerationError,
  ABORTED: GenerationError,
  GPU_EMBEDDING_FAILED: ModelError,
  EMBEDDER_UNAVAILABLE: ModelError,
  WORKER_CRASHED: WorkerCrashError,
  // A hung worker is handled like a crashed one (terminated, restarted); only the code tells them apart.
  WORKER_HUNG: WorkerCrashError,
};

/** What an error looks like on the wire between a worker and the page. */
export interface WireError {
  code: ErrorCode;
  message: string;
  detail?: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** Serialize any thrown value; unknown errors become INTERNAL with their text kept as detail. */
export function toWire(error: unknown): WireError {
  if (error instanceof AppError) {
    return { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'INTERNAL', message: ERROR_CODES.INTERNAL, detail: text };
}

/** Rebuild the named class for a wire error, so `instanceof` and `.code` work across the boundary. */
export function fromWire(wire: WireError): AppError {
  const code = isErrorCode(wire.code) ? wire.code : 'INTERNAL';
  const Cls = CLASS_BY_CODE[code] ?? AppError;
  return new Cls(code, wire.message, wire.detail ? { detail: wire.detail } : undefined);
}

/** Create an error of the right class for a code. */
export function appError(code: ErrorCode, options?: { message?: string; detail?: string; cause?: unknown }): AppError {
  const Cls = CLASS_BY_CODE[code] ?? AppError;
  return new Cls(code, options?.message, options);
}
