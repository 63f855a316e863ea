import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type ContentCoding = 'br' | 'gzip';

export interface CompressionOptions {
  /** Bodies smaller than this are sent as they are: below about 1 kB compressing costs more than it saves. */
  minBytes: number;
}

// Fast settings: API responses are compressed once per request, on the hot path. Brotli's default quality (11) is
// meant for static assets and costs milliseconds per response; quality 4 and gzip level 4 keep most of the saving
// on JSON at a fraction of the CPU.
const compressors: Record<ContentCoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body, { level: 4 }),
};

/**
 * The coding to answer with, from the client's Accept-Encoding (RFC 9110 §12.5.3): the acceptable one (q > 0) with
 * the highest weight, Brotli on a tie; none when the client accepts neither. `*` stands for any coding not named.
 */
export function negotiateContentCoding(acceptEncoding: string | string[] | undefined): ContentCoding | undefined {
  if (!acceptEncoding) return undefined;
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding).split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=(.*)$/.exec(param)?.[1]?.trim()).find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (coding) weights.set(coding.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: ContentCoding) => weights.get(coding) ?? weights.get('*') ?? 0;
  const [br, gz] = [weightOf('br'), weightOf('gzip')];
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? 'br' : 'gzip';
}

/**
 * Ends `res` with `body`, compressed when the client accepts br or gzip and the body is at least `minBytes`.
 * Headers and status must already be set; this sets Vary, Content-Encoding and Content-Length.
 */
export async function endCompressible(req: IncomingMessage, res: ServerResponse, body: string, { minBytes }: CompressionOptions): Promise<void> {
  res.setHeader('vary', appendVary(res.getHeader('vary'), 'accept-encoding'));
  const raw = Buffer.from(body);
  const coding = raw.length >= minBytes ? negotiateContentCoding(req.headers['accept-encoding']) : undefined;
  if (!coding) {
    res.setHeader('content-length', raw.length);
    res.end(raw);
    return;
  }
  const compressed = await compressors[coding](raw);
  res.setHeader('content-encoding', coding);
  res.setHeader('content-length', compressed.length);
  res.end(compressed);
}

function appendVary(current: number | string | string[] | undefined, name: string): string {
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((v) => v.trim()).filter(Boolean);
  return names.some((existing) => existing.toLowerCase() === name || existing === '*') ? names.join(', ') : [...names, name].join(', ');
}
