import { z } from 'zod';

/**
 * The stand-in's own variables. Kept to zod alone (not @threadly/config's parseEnv) so the package's dependencies stay
 * the three it was created with; the shape and messages follow the same conventions.
 */
const standInEnvShape = z
  .object({
    STRIPE_STAND_IN_PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(12111),
    STRIPE_STAND_IN_HOST: z.string().min(1).default('127.0.0.1'),
    /** Where state-change events are delivered (the commerce webhook route), signed with the secret below. */
    STRIPE_STAND_IN_WEBHOOK_URL: z.url({ message: 'expected a URL' }).optional(),
    STRIPE_STAND_IN_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'expected a whsec_ signing secret').optional(),
  })
  .refine((env) => (env.STRIPE_STAND_IN_WEBHOOK_URL === undefined) === (env.STRIPE_STAND_IN_WEBHOOK_SECRET === undefined), {
    message: 'set both STRIPE_STAND_IN_WEBHOOK_URL and STRIPE_STAND_IN_WEBHOOK_SECRET, or neither',
    path: ['STRIPE_STAND_IN_WEBHOOK_SECRET'],
  });

export type StandInEnv = z.infer<typeof standInEnvShape>;

/** The only place the stand-in reads the environment; empty values count as unset. Throws one line per bad variable. */
export function loadStandInEnv(source: Record<string, string | undefined> = process.env): StandInEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([key, value]) => key.startsWith('STRIPE_STAND_IN_') && value !== ''));
  const result = standInEnvShape.safeParse(cleaned);
  if (result.success) return result.data;
  throw new Error(result.error.issues.map((issue) => `Invalid configuration: ${issue.path.join('.')} — ${issue.message}.`).join('\n'));
}
