import { connect } from 'node:net';
import type { HostileRequest } from './hostile-case.ts';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const CRLF = Buffer.from('\r\n');
const SLICE = 64 * 1024;

/** The bytes of a request exactly as the case describes them: no normalisation, no repair (fetch would do both). */
function encodeRequest(host: string, { method, headers, body, path = '/graphql' }: HostileRequest) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const chunked = /chunked/i.test(Object.entries(headers).find(([name]) => name.toLowerCase() === 'transfer-encoding')?.[1] ?? '');
  // A body that already ends like a chunked one is the case's own (possibly broken) framing: sent as it is.
  const alreadyChunked = bytes.subarray(-5).toString('latin1') === '0\r\n\r\n';
  const lines = [`${method} ${path} HTTP/1.1`, `host: ${host}`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (!names.has('content-length') && !names.has('transfer-encoding') && (bytes.length > 0 || method === 'POST')) {
    lines.push(`content-length: ${bytes.length}`);
  }
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  if (!chunked || alreadyChunked) return { head, payload: bytes };
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16 * 1024) {
    const piece = bytes.subarray(offset, offset + 16 * 1024);
    chunks.push(Buffer.from(piece.length.toString(16)), CRLF, piece, CRLF);
  }
  chunks.push(Buffer.from('0\r\n\r\n'));
  return { head, payload: Buffer.concat(chunks) };
}

/** A chunked body decoded, or null while it is still incomplete. */
function decodeChunked(data: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf(CRLF, offset);
    if (lineEnd < 0) return null;
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return null;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

interface ParsedHead {
  status: number;
  headers: Record<string, string>;
  bodyStart: number;
}

function parseHead(data: Buffer, from: number): ParsedHead | null {
  const end = data.indexOf('\r\n\r\n', from);
  if (end < 0) return null;
  const [statusLine = '', ...lines] = data.subarray(from, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, bodyStart: end + 4 };
}

/**
 * Sends one request over a plain TCP connection and reads the first final response (1xx interim answers are
 * skipped). The body is written in slices and writing stops as soon as the server has answered, as a client
 * refused with 413 would.
 */
export function sendRawRequest(
  origin: string,
  request: HostileRequest,
  { timeoutMs = 20_000, localAddress }: { timeoutMs?: number; localAddress?: string } = {},
): Promise<RawResponse> {
  const { hostname, port, host } = new URL(origin);
  const { head, payload } = encodeRequest(host, request);
  return new Promise((resolve, reject) => {
    // `localAddress`: any 127.x.y.z is this machine, so one process can be several clients.
    const socket = connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) });
    let received = Buffer.alloc(0);
    let responseStart = 0;
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`no response within ${timeoutMs} ms`))), timeoutMs);
    /** Resolves once a complete final response is in; `ended` accepts a body delimited by the connection closing. */
    const tryComplete = (ended: boolean) => {
      for (;;) {
        const parsed = parseHead(received, responseStart);
        if (!parsed) return false;
        const rest = received.subarray(parsed.bodyStart);
        if (parsed.status >= 100 && parsed.status < 200) {
          responseStart = parsed.bodyStart;
          continue;
        }
        const length = parsed.headers['content-length'];
        const body =
          length !== undefined
            ? rest.length >= Number(length) ? rest.subarray(0, Number(length)) : null
            : /chunked/i.test(parsed.headers['transfer-encoding'] ?? '') ? decodeChunked(rest) : ended ? rest : null;
        if (!body) return false;
        settle(() => resolve({ status: parsed.status, headers: parsed.headers, body }));
        return true;
      }
    };
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      tryComplete(false);
    });
    const onClosed = (error?: Error) => {
      if (!tryComplete(true)) settle(() => reject(error ?? new Error('connection closed without a response')));
    };
    socket.on('end', () => onClosed());
    socket.on('error', (error) => onClosed(error));
    socket.on('connect', async () => {
      // The head and the first slice in one write, so a lying Content-Length meets the rest of the bytes at once.
      socket.write(Buffer.concat([head, payload.subarray(0, SLICE)]));
      for (let offset = SLICE; offset < payload.length && !settled && socket.writable; offset += SLICE) {
        if (!socket.write(payload.subarray(offset, offset + SLICE))) await new Promise((drained) => socket.once('drain', drained));
      }
    });
  });
}
