/**
 * Doing what Hearth was opened for, once the library can take documents: a shortcut's action, the
 * items another app shared, files opened with Hearth (the launch queue of an installed app). Says in
 * plain words what it did; the added files then show in the ingestion queue like any others.
 */
import { t } from '../i18n/i18n.svelte';
import { launchRequest, sharedTextDocument, withoutLaunchParams, type LaunchAction } from './launch-request';
import { takeShared } from './shared-inbox';

/** What the launch state needs of the app. */
export interface LaunchTarget {
  addFiles(files: File[]): void;
  newChat(): void;
}

/** The browser's launch queue (installed apps with file_handlers): not in TypeScript's DOM types yet. */
interface LaunchParams {
  files?: readonly FileSystemHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

function launchQueue(): LaunchQueue | null {
  return (globalThis as { launchQueue?: LaunchQueue }).launchQueue ?? null;
}

function describeFiles(files: File[], one: 'pwa.shared.file' | 'pwa.opened.file', many: 'pwa.shared.files' | 'pwa.opened.files'): string {
  if (files.length === 1) return t(one, { name: files[0]!.name });
  return t(many, { count: files.length, names: files.map((f) => f.name).join(', ') });
}

export class LaunchState {
  /** What was done, for the person (null: nothing to say). */
  notes = $state<string[]>([]);
  /** The shortcut asked to add documents: the library shows its button, focused. */
  addRequested = $state(false);
  #action: LaunchAction | null = null;
  #shared: string | null = null;
  #opened: File[] = [];
  #target: LaunchTarget | null = null;

  /** Read what the page was opened for, clear it from the address, and take files from the launch queue. */
  start(): void {
    const request = launchRequest(location.search);
    this.#action = request.action;
    this.#shared = request.shared;
    history.replaceState(history.state, '', withoutLaunchParams(location.href));
    launchQueue()?.setConsumer((params) => void this.opened(params.files ?? []));
  }

  /** The library is ready: do what is pending, and from now on at once. */
  ready(target: LaunchTarget): void {
    this.#target = target;
    const action = this.#action;
    this.#action = null;
    if (action === 'new-chat') target.newChat();
    if (action === 'add-documents') this.addRequested = true;
    if (this.#shared) void this.#takeShared(this.#shared);
    this.#shared = null;
    this.#flushOpened();
  }

  /** Files handed over by the launch queue (file handles): read and added. */
  async opened(handles: readonly FileSystemHandle[]): Promise<void> {
    const files: File[] = [];
    for (const handle of handles) if (handle.kind === 'file') files.push(await (handle as FileSystemFileHandle).getFile());
    this.#opened.push(...files);
    this.#flushOpened();
  }

  dismiss(index: number): void {
    this.notes = this.notes.filter((_, i) => i !== index);
  }

  #flushOpened(): void {
    if (!this.#target || this.#opened.length === 0) return;
    const files = this.#opened.splice(0);
    this.#target.addFiles(files);
    this.#say(describeFiles(files, 'pwa.opened.file', 'pwa.opened.files'));
  }

  async #takeShared(id: string): Promise<void> {
    if (id === 'failed') return this.#say(t('pwa.shared.failed'));
    try {
      const { files, text } = await takeShared(id);
      const documents = text ? [sharedTextDocument(text, t('pwa.shared.textTitle'))] : [];
      if (files.length + documents.length === 0) return this.#say(t('pwa.shared.nothing'));
      this.#target?.addFiles([...files, ...documents]);
      if (files.length) this.#say(describeFiles(files, 'pwa.shared.file', 'pwa.shared.files'));
      if (documents[0]) this.#say(t('pwa.shared.text', { name: documents[0].name }));
    } catch {
      this.#say(t('pwa.shared.failed'));
    }
  }

  #say(note: string): void {
    this.notes = [...this.notes, note];
  }
}
