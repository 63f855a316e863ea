// The only place the web app's development server reads the environment. The browser's own settings are Vite's
// `VITE_*` variables (see src/config.ts); these are for the development routes that run in Node.
import { z } from 'zod';

const developmentServerEnvShape = z.object({
  NODE_ENV: z.string().optional(),
  /** The Stripe stand-in that `npm start` runs in development (STRIPE_STAND_IN_PORT there, 12111 by default). */
  STRIPE_STAND_IN_URL: z.url({ message: 'expected the stand-in URL printed by npm start, e.g. http://127.0.0.1:12111' }).default('http://127.0.0.1:12111'),
});

export type DevelopmentServerEnv = z.infer<typeof developmentServerEnvShape>;

export function loadDevelopmentServerEnv(source: Record<string, string | undefined> = process.env): DevelopmentServerEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = developmentServerEnvShape.safeParse(cleaned);
  if (result.success) return result.data;
  throw new Error(result.error.issues.map((issue) => `Invalid configuration: ${issue.path.join('.')} — ${issue.message}.`).join('\n'));
}
