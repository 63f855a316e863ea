import type { IncomingMessage } from 'node:http';
import { invalidRequest } from './stripe-errors.ts';

/** A test-mode key the stand-in always accepts unless `apiKeys` restricts it. */
export const DEFAULT_STAND_IN_API_KEY = 'sk_test_threadly_stripe_stand_in';

const TEST_MODE_KEY = /^(sk|rk)_test_\w+$/;

/** As Stripe echoes a wrong key: its mode prefix and last four characters. */
const masked = (key: string) => `${/^[a-z]+_(test|live)_/.exec(key)?.[0] ?? ''}****${key.length > 12 ? key.slice(-4) : ''}`;

/**
 * The API key of a request (`Authorization: Bearer sk_test_…`, or Basic with the key as user name, both of which Stripe
 * takes), or a 401 in Stripe's words. Only test-mode keys: the stand-in never plays a live account.
 */
export function authenticate(req: IncomingMessage, acceptedKeys: readonly string[] | undefined): string {
  const header = req.headers.authorization ?? '';
  const [scheme = '', credentials = ''] = header.split(' ', 2);
  const key =
    scheme.toLowerCase() === 'bearer'
      ? credentials.trim()
      : scheme.toLowerCase() === 'basic'
        ? Buffer.from(credentials, 'base64').toString('utf8').split(':', 1)[0]?.trim() ?? ''
        : '';
  if (!key) {
    throw invalidRequest(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      { status: 401 },
    );
  }
  const accepted = acceptedKeys ? acceptedKeys.includes(key) : TEST_MODE_KEY.test(key);
  if (!accepted) throw invalidRequest(`Invalid API Key provided: ${masked(key)}`, { status: 401 });
  return key;
}
