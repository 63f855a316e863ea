import type { z } from 'zod';
import { SERVICE_SIGNATURE_HEADER, verifyServiceRequest } from '@threadly/identity-headers';
import { BodyTooLargeError, graphqlErrorBody, readBody, sendJson, type HttpRoute } from '@threadly/http-server';

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
      let raw: string;
      try {
        raw = (await readBody(req, 64_000)).toString('utf8');
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendJson(res, 413, graphqlErrorBody(error.message, 'BAD_REQUEST'));
        throw error;
      }
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
