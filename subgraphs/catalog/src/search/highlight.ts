/**
 * Engines mark matches with these private-use characters instead of tags: the text is then HTML-escaped and only
 * the markers become `<mark>`, so a listing whose title contains `<` or `&` can never inject markup into a client
 * that renders highlights as HTML. userText already strips both characters from stored text.
 */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escaped `text` with marked matches in `<mark>`, or null when nothing in it was marked. */
export function toHighlightHtml(text: string | null | undefined): string | null {
  if (!text || !text.includes(HIGHLIGHT_START)) return null;
  return text
    .replace(/[&<>"']/g, (character) => ESCAPES[character]!)
    .replaceAll(HIGHLIGHT_START, '<mark>')
    .replaceAll(HIGHLIGHT_END, '</mark>');
}
