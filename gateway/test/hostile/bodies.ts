import { hostileCase, postGraphQL, postJson, refused, type HostileCase, type HostileRequest, type Refusal } from './hostile-case.ts';
import { seededRandom } from './seeded-random.ts';

/** The gateway's MAX_BODY_BYTES in the test supergraph (the default). */
export const MAX_BODY_BYTES = 100_000;

const SMALL = JSON.stringify({ query: '{ categories { id } }' });
const parserRefusal: Refusal = { status: 400, answeredBy: 'http-parser' };

const withHeaders = (request: HostileRequest, headers: Record<string, string>): HostileRequest => ({ ...request, headers: { ...request.headers, ...headers } });

/** A JSON body of exactly `size` bytes: one operation padded by a trailing comment. */
const paddedBody = (size: number) => {
  const start = '{"query":"{ categories { id } } #';
  return `${start}${'x'.repeat(size - start.length - 2)}"}`;
};

/** Oversized bodies and lying framing: Content-Length too big or too small, chunked bodies, contradictory headers. */
export function bodyCases(seed = 0xb0d1e5): HostileCase[] {
  const random = seededRandom(seed);
  const chunked = { 'transfer-encoding': 'chunked' };
  return [
    hostileCase('a body one byte over the limit', postJson(paddedBody(MAX_BODY_BYTES + 1)), refused.tooLarge),
    hostileCase(`a ${random.int(150, 900)} kB body`, postJson(paddedBody(random.int(150, 900) * 1000)), refused.tooLarge),
    hostileCase('a 2 MB body of garbage', postJson(Buffer.alloc(2_000_000, 0x41)), refused.tooLarge),
    hostileCase('a 1 MB array of operations', postJson(`[${Array.from({ length: 30_000 }, () => SMALL).join(',')}]`), refused.tooLarge),
    hostileCase('a declared Content-Length over the limit with a small body', withHeaders(postJson(SMALL), { 'content-length': String(MAX_BODY_BYTES + 1) }), refused.tooLarge),
    hostileCase('a declared Content-Length of a petabyte', withHeaders(postJson(SMALL), { 'content-length': '1000000000000000' }), refused.tooLarge),
    hostileCase('Expect: 100-continue with a Content-Length over the limit', withHeaders(postJson(paddedBody(200_000)), { expect: '100-continue' }), refused.tooLarge),
    // The rest of the body reads as a second, garbled request: Node's parser answers 400 and closes the connection.
    hostileCase('a Content-Length shorter than the body', withHeaders(postJson(SMALL), { 'content-length': String(SMALL.length - 8) }), parserRefusal),
    hostileCase('a Content-Length of zero with a body', withHeaders(postJson(SMALL), { 'content-length': '0' }), parserRefusal),
    hostileCase('a non-numeric Content-Length', withHeaders(postJson(SMALL), { 'content-length': 'lots' }), parserRefusal),
    hostileCase('a negative Content-Length', withHeaders(postJson(SMALL), { 'content-length': '-1' }), parserRefusal),
    hostileCase('two different Content-Lengths in one header', withHeaders(postJson(SMALL), { 'content-length': `${SMALL.length}, ${SMALL.length + 5}` }), parserRefusal),
    hostileCase('both Content-Length and chunked (request smuggling)', withHeaders(postJson(SMALL), { 'content-length': String(SMALL.length), 'transfer-encoding': 'chunked' }), parserRefusal),
    hostileCase('a chunked body over the limit, no length declared', withHeaders(postJson(paddedBody(250_000)), chunked), refused.tooLarge),
    hostileCase('a chunked body with a hostile operation', withHeaders(postGraphQL('{ categories { secret } }'), chunked), refused.validation),
    hostileCase('a chunked body of invalid JSON', withHeaders(postJson('{"query": '), chunked), refused.badRequest),
    hostileCase('an invalid chunk size', withHeaders(postJson('zz\r\nhello\r\n0\r\n\r\n'), chunked), parserRefusal),
    hostileCase('a chunk longer than its declared size', withHeaders(postJson(`5\r\n${SMALL}\r\n0\r\n\r\n`), chunked), parserRefusal),
    hostileCase('an empty POST body', postJson(''), refused.badRequest),
    hostileCase('a gzip Content-Encoding over plain bytes', withHeaders(postJson(SMALL.replace('categories', 'secrets')), { 'content-encoding': 'gzip' }), refused.validation),
    hostileCase('a gzip Content-Encoding over garbage', withHeaders(postJson(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff, 0xff])), { 'content-encoding': 'gzip' }), refused.badRequest),
    hostileCase('a multipart payload labelled JSON', postJson('--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ categories { id } }"}\r\n--b--'), refused.badRequest),
  ];
}
