// Search highlights arrive HTML-escaped with the matches in <mark>…</mark>. They are rendered as React text, never
// as HTML: split on the two tags, unescape the five entities the server escapes, and wrap the marked parts.
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);

export function HighlightedText({ highlighted, plain }: { highlighted: string | null | undefined; plain: string }) {
  if (!highlighted) return <>{plain}</>;
  let marked = false;
  const parts: Array<{ text: string; marked: boolean }> = [];
  for (const piece of highlighted.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push({ text: unescape(piece), marked });
  }
  return <>{parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}
