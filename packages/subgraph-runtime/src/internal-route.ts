import type { z } from 'zod';
import { SERVICE_SIGNATURE_HEADER, verifyServiceRequest } from '@threadly/identity-headers';
import { graphqlErrorBody, type HttpRoute, readBodyOrRefuse, sendJson } from '@threadly/http-server';

/**
 * A POST route only other Threadly services may call (gateway → identity, identity → catalog): the body must be
 * signed with the shared secret (`postToService`) and match `input`. Answers 401 for a bad signature, 400 for a
 * bad body, and the handler's result as JSON.
 */
export function createInternalRoute<Input extends z.ZodType, Result>(options: {
  path: string;
  secret: string;
  input: Input;
  handle: (input: z.infer<Input>) => Promise<Result>;
}): HttpRoute {
  return {
    method: 'POST',
    path: options.path,
    handler: async (req, res) => {
      const bytes = await readBodyOrRefuse(req, res, 64_000);
      if (!bytes) return;
      const raw = bytes.toString('utf8');
      const header = req.headers[SERVICE_SIGNATURE_HEADER];
      if (!verifyServiceRequest(typeof header === 'string' ? header : undefined, { method: 'POST', path: options.path, body: raw }, options.secret)) {
        return sendJson(res, 401, graphqlErrorBody('Internal route: missing or invalid service signature.', 'UNAUTHENTICATED'));
      }
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, graphqlErrorBody('Internal route: body is not JSON.', 'BAD_REQUEST'));
      }
      const parsed = options.input.safeParse(json);
      if (!parsed.success) return sendJson(res, 400, graphqlErrorBody(`Internal route: ${parsed.error.issues[0]?.message}`, 'BAD_USER_INPUT'));
      sendJson(res, 200, await options.handle(parsed.data));
    },
  };
}
