/** A parsed element: text, or children by tag (a repeated tag becomes an array). */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [tag: string]: XmlValue;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity.toLowerCase()] ?? '';
  });
}

const TOKEN =
  /<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)[^>]*?(\/?)>|([^<]+)/g;

interface Frame {
  readonly tag: string;
  readonly children: Array<[string, XmlValue]>;
  text: string;
}

function close(frame: Frame): XmlValue {
  if (frame.children.length === 0) return frame.text;
  const object: XmlObject = {};
  for (const [tag, value] of frame.children) {
    const existing = object[tag];
    if (existing === undefined) object[tag] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else object[tag] = [existing, value];
  }
  return object;
}

/**
 * A minimal XML reader for Lazada payloads (`<Request><Product>…`): elements, text, CDATA and entities;
 * attributes are ignored. Returns undefined on malformed input.
 */
export function parseXml(source: string): XmlObject | undefined {
  const root: Frame = { tag: '', children: [], text: '' };
  const stack: Frame[] = [root];
  for (const match of source.matchAll(TOKEN)) {
    const top = stack[stack.length - 1];
    if (!top) return undefined;
    const [, cdata, closing, tag, selfClosing, text] = match;
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) top.text += decode(text.trim() === '' ? '' : text);
    else if (tag !== undefined && closing === '/') {
      if (top.tag !== tag || stack.length < 2) return undefined;
      stack.pop();
      stack[stack.length - 1]?.children.push([tag, close(top)]);
    } else if (tag !== undefined && selfClosing === '/') top.children.push([tag, '']);
    else if (tag !== undefined) stack.push({ tag, children: [], text: '' });
  }
  if (stack.length !== 1 || root.children.length !== 1) return undefined;
  const value = close(root);
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
