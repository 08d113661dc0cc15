import { describe, expect, it } from 'vitest';
import { runningJob, type JobSources } from './busy';
import { updateStage } from './update-stage';

const idle: JobSources = {
  chat: { busy: false },
  queue: { busy: false },
  packs: { busy: null },
  backup: { busy: null },
  reembed: { status: 'idle' },
  downloads: {},
  importing: null,
};

describe('runningJob', () => {
  it('is null when nothing runs', () => {
    expect(runningJob(idle)).toBeNull();
  });

  it('names what a reload would interrupt, an answer first', () => {
    expect(runningJob({ ...idle, chat: { busy: true }, queue: { busy: true } })).toBe('answer');
    expect(runningJob({ ...idle, queue: { busy: true } })).toBe('documents');
    expect(runningJob({ ...idle, reembed: { status: 'running' } })).toBe('documents');
    expect(runningJob({ ...idle, packs: { busy: 'import' } })).toBe('documents');
    expect(runningJob({ ...idle, downloads: { qwen: { loaded: 1 } } })).toBe('transfer');
    expect(runningJob({ ...idle, backup: { busy: 'backup' } })).toBe('transfer');
  });
});

describe('updateStage', () => {
  const base = { waiting: true, requested: false, applying: false, job: null };
  it('offers a waiting version, and nothing without one', () => {
    expect(updateStage({ ...base, waiting: false, requested: true })).toBe('none');
    expect(updateStage(base)).toBe('offer');
    expect(updateStage({ ...base, job: 'answer' })).toBe('offer');
  });

  it('waits for the running job once asked, then applies', () => {
    expect(updateStage({ ...base, requested: true, job: 'answer' })).toBe('after-job');
    expect(updateStage({ ...base, requested: true, job: 'documents' })).toBe('after-job');
    expect(updateStage({ ...base, requested: true })).toBe('applying');
    expect(updateStage({ ...base, applying: true, job: 'answer' })).toBe('applying');
  });
});
