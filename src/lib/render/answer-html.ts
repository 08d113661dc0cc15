/**
 * Model output is untrusted: Markdown → HTML (marked) → sanitized (DOMPurify: no scripts, no event
 * handlers, no images or frames that could send data out, links http(s)/mailto only) → citation
 * markers [n] in text nodes become buttons. The result is the only HTML Hearth ever injects.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const ALLOWED_TAGS = ['p', 'br', 'strong', 'em', 'b', 'i', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 'sup', 'sub'];
const CITE = /\[(\d{1,2})\]/g;

export function renderAnswer(markdown: string, maxCitation: number): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  const fragment = DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title'],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    RETURN_DOM_FRAGMENT: true,
  });
  for (const link of fragment.querySelectorAll('a')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  linkCitations(fragment, maxCitation);
  const holder = document.createElement('div');
  holder.append(fragment);
  return holder.innerHTML;
}

function linkCitations(root: DocumentFragment, maxCitation: number): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode as Text);
  for (const node of texts) {
    if (node.parentElement?.closest('code, pre, a')) continue;
    const value = node.data;
    if (!CITE.test(value)) continue;
    CITE.lastIndex = 0;
    const parts = document.createDocumentFragment();
    let last = 0;
    for (const match of value.matchAll(CITE)) {
      const n = Number(match[1]);
      if (n < 1 || n > maxCitation) continue;
      parts.append(value.slice(last, match.index));
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'cite';
      button.dataset.cite = String(n);
      button.title = `Open passage ${n}`;
      button.textContent = String(n);
      parts.append(button);
      last = match.index + match[0].length;
    }
    parts.append(value.slice(last));
    node.replaceWith(parts);
  }
}
