import { describe, expect, it } from 'vitest';
import { launchRequest, sharedFileName, sharedTextDocument, withoutLaunchParams } from './launch-request';

describe('launchRequest', () => {
  it('reads a shortcut action and a share id, and nothing else', () => {
    expect(launchRequest('?action=new-chat')).toEqual({ action: 'new-chat', shared: null });
    expect(launchRequest('?action=add-documents&utm_source=x')).toEqual({ action: 'add-documents', shared: null });
    expect(launchRequest('?shared=5b1c-9')).toEqual({ action: null, shared: '5b1c-9' });
    expect(launchRequest('?action=delete-everything')).toEqual({ action: null, shared: null });
    expect(launchRequest('')).toEqual({ action: null, shared: null });
  });

  it('removes the launch parameters from the address, keeping the others', () => {
    expect(withoutLaunchParams('http://127.0.0.1/?action=new-chat')).toBe('/');
    expect(withoutLaunchParams('http://127.0.0.1/?open=files&lang=de#top')).toBe('/?lang=de#top');
    expect(withoutLaunchParams('http://127.0.0.1/?shared=abc')).toBe('/');
  });
});

describe('shared text as a document', () => {
  it('names the file after the title, without path separators or control characters', () => {
    expect(sharedFileName('Notes: a/b\\c?\u0007', 'Shared text')).toBe('Notes a b c.md');
    expect(sharedFileName('   ', 'Shared text')).toBe('Shared text.md');
    expect(sharedFileName('x'.repeat(200), 'Shared text')).toBe(`${'x'.repeat(80)}.md`);
  });

  it('keeps the title, the text and the link as Markdown text', async () => {
    const file = sharedTextDocument({ title: 'Bees', text: 'Bees make honey.', url: 'https://example.org/bees' }, 'Shared text');
    expect(file.name).toBe('Bees.md');
    expect(file.type).toBe('text/markdown');
    expect(await file.text()).toBe('# Bees\n\nBees make honey.\n\n<https://example.org/bees>\n');
  });

  it('gives a link shared alone a title', async () => {
    const file = sharedTextDocument({ title: '', text: '', url: 'https://example.org/' }, 'Shared text');
    expect(file.name).toBe('Shared text.md');
    expect(await file.text()).toBe('# Shared text\n\n<https://example.org/>\n');
  });
});
