import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';

const STRIP_ALL_MARKUP = { allowedTags: [], allowedAttributes: {} } satisfies sanitizeHtml.IOptions;
// C0/C1 controls, zero-width and bidi-override characters: invisible, and used to disguise text. Matching control
// characters is the point of this pattern.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * User-written text as plain text with no markup left in it: listing titles and descriptions, messages, bios.
 * sanitize-html removes tags and returns HTML-escaped text; decoding that once gives plain text, and repeating
 * until nothing changes catches markup smuggled in as entities (`&lt;script&gt;`). So "H&M <3" stays as written
 * while "<img onerror=…>" and "&lt;script&gt;" disappear: no client can be made to render stored markup.
 */
export function toPlainText(input: string, { multiline = false } = {}): string {
  let text = input.normalize('NFC');
  for (let pass = 0; pass < 5; pass += 1) {
    const next = decodeHTML(sanitizeHtml(text, STRIP_ALL_MARKUP));
    if (next === text) break;
    text = next;
  }
  text = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  text = multiline ? text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n') : text.replace(/\s+/g, ' ');
  return text.trim();
}
