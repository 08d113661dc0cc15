import { describe, expect, it } from 'vitest';
import { failureReason, isInstallFailedMessage } from './install-outcome';

describe('install outcome', () => {
  it('is lack of space for a quota error, and a failure for anything else', () => {
    expect(failureReason(new DOMException('full', 'QuotaExceededError'))).toBe('space');
    expect(failureReason(new TypeError('Failed to fetch'))).toBe('failed');
    expect(failureReason(new DOMException('gone', 'InvalidStateError'))).toBe('failed');
    expect(failureReason('odd')).toBe('failed');
  });

  it('recognises only well-formed messages', () => {
    expect(isInstallFailedMessage({ type: 'install-failed', reason: 'space' })).toBe(true);
    expect(isInstallFailedMessage({ type: 'install-failed', reason: 'full' })).toBe(false);
    expect(isInstallFailedMessage({ type: 'other', reason: 'space' })).toBe(false);
    expect(isInstallFailedMessage(null)).toBe(false);
  });
});
