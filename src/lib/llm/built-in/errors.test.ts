import { describe, expect, it } from 'vitest';
import { appError, ModelError, GenerationError } from '../../errors';
import { promptApiError } from './errors';

/** The DOMException names the spec and its shared infrastructure reject with. */
const dom = (name: string) => new DOMException(`${name} from the browser`, name);

describe('promptApiError', () => {
  it('gives each DOMException of create() its code', () => {
    expect(promptApiError(dom('AbortError'), 'load').code).toBe('ABORTED');
    expect(promptApiError(dom('NotSupportedError'), 'load').code).toBe('BUILT_IN_MODEL_UNAVAILABLE');
    expect(promptApiError(dom('NotAllowedError'), 'load').code).toBe('BUILT_IN_MODEL_NOT_ALLOWED');
    expect(promptApiError(dom('NetworkError'), 'load').code).toBe('MODEL_DOWNLOAD_FAILED');
    expect(promptApiError(dom('InvalidStateError'), 'load').code).toBe('MODEL_LOAD_FAILED');
    expect(promptApiError(dom('OperationError'), 'load').code).toBe('MODEL_LOAD_FAILED');
    expect(promptApiError(dom('UnknownError'), 'load').code).toBe('MODEL_LOAD_FAILED');
  });

  it("tells a language the model does not handle (while prompting) from a model that is not there (creating a session)", () => {
    expect(promptApiError(dom('NotSupportedError'), 'prompt').code).toBe('BUILT_IN_LANGUAGE_UNSUPPORTED');
    expect(promptApiError(dom('NotSupportedError'), 'session').code).toBe('BUILT_IN_MODEL_UNAVAILABLE');
  });

  it('makes a prompt that does not fit PROMPT_TOO_LONG (so the chat retries with fewer passages), and filtered output ANSWER_WITHHELD', () => {
    expect(promptApiError(dom('QuotaExceededError'), 'session').code).toBe('PROMPT_TOO_LONG');
    expect(promptApiError(dom('QuotaExceededError'), 'prompt').code).toBe('PROMPT_TOO_LONG');
    expect(promptApiError(dom('NotReadableError'), 'prompt').code).toBe('ANSWER_WITHHELD');
    expect(promptApiError(dom('UnknownError'), 'prompt').code).toBe('GENERATION_FAILED');
  });

  it('keeps the error classes and the browser text as detail, and passes AppErrors through', () => {
    const unavailable = promptApiError(dom('NotSupportedError'), 'load');
    expect(unavailable).toBeInstanceOf(ModelError);
    expect(unavailable.detail).toBe('NotSupportedError: NotSupportedError from the browser');
    expect(promptApiError(dom('NotReadableError'), 'prompt')).toBeInstanceOf(GenerationError);
    const own = appError('PROMPT_TOO_LONG');
    expect(promptApiError(own, 'prompt')).toBe(own);
    expect(promptApiError(new TypeError('bad'), 'prompt').code).toBe('GENERATION_FAILED');
  });
});
