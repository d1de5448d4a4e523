// markdown-lite.js — a study's instructions and consent text as DOM nodes: plain text with a
// small Markdown subset (blank line = new paragraph, "- " = list item, **bold**, *italic*).
// Everything is built with createElement and text nodes, never innerHTML, so a "<script>" in
// the text shows as those very characters.

const BOLD = '**';
const ITALIC = '*';

/** Replaces the children of `container` with `text` rendered; returns the container. */
export function renderMarkdownLite(container, text) {
  container.replaceChildren(...blocks(String(text ?? '')).map((block) => blockNode(container.ownerDocument, block)));
  return container;
}

/**
 * The text as a list of blocks: {kind: 'p', text} or {kind: 'ul', items: [text…]}. A blank line
 * ends a block; "- " starts a list item, and an indented line after one continues it; other
 * lines in a row make one paragraph, joined by spaces as Markdown joins them.
 */
export function blocks(text) {
  const out = [];
  let paragraph = null;
  let list = null;
  const close = () => { paragraph = null; list = null; };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') { close(); continue; }
    const item = /^\s*- (.*)$/.exec(line);
    if (item) {
      paragraph = null;
      if (!list) { list = { kind: 'ul', items: [] }; out.push(list); }
      list.items.push(item[1].trim());
    } else if (list && /^\s/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      list = null;
      if (!paragraph) { paragraph = { kind: 'p', text: line.trim() }; out.push(paragraph); } else paragraph.text += ` ${line.trim()}`;
    }
  }
  return out;
}

function blockNode(doc, block) {
  if (block.kind === 'p') return inline(doc, doc.createElement('p'), block.text);
  const ul = doc.createElement('ul');
  for (const text of block.items) ul.append(inline(doc, doc.createElement('li'), text));
  return ul;
}

/**
 * Appends `text` to `parent` with **bold** and *italic* spans as <strong> and <em>. A marker
 * without its closing partner stays as typed; an italic span may sit inside a bold one.
 */
function inline(doc, parent, text, allowBold = true) {
  let at = 0;
  let plain = '';
  const flush = () => { if (plain) parent.append(doc.createTextNode(plain)); plain = ''; };
  while (at < text.length) {
    if (allowBold && text.startsWith(BOLD, at)) {
      const end = closing(text, at + BOLD.length, BOLD);
      if (end > at + BOLD.length) {
        flush();
        parent.append(inline(doc, doc.createElement('strong'), text.slice(at + BOLD.length, end), false));
        at = end + BOLD.length;
        continue;
      }
    }
    if (text[at] === ITALIC && text[at + 1] !== ITALIC && text[at + 1] !== undefined && text[at + 1] !== ' ') {
      const end = closing(text, at + 1, ITALIC);
      if (end > at + 1) {
        flush();
        const em = doc.createElement('em');
        em.append(doc.createTextNode(text.slice(at + 1, end)));
        parent.append(em);
        at = end + 1;
        continue;
      }
    }
    plain += text[at];
    at += 1;
  }
  flush();
  return parent;
}

/**
 * Where the closing `marker` for a span opened just before `from` is, or -1: the first one
 * not preceded by a space (and, for a single "*", not part of a "**").
 */
function closing(text, from, marker) {
  for (let i = text.indexOf(marker, from); i !== -1; i = text.indexOf(marker, i + 1)) {
    if (i === from || text[i - 1] === ' ') continue;
    if (marker === ITALIC && (text[i + 1] === ITALIC || text[i - 1] === ITALIC)) continue;
    return i;
  }
  return -1;
}
