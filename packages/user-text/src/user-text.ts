import { z } from 'zod';
import { toPlainText } from './plain-text.ts';

/**
 * The zod schema for a user-written text field: markup stripped, then its length checked on what will be
 * stored (so "<b></b>" is as empty as ""). Use it for every argument that ends up shown to other users.
 */
export const userText = ({ min = 1, max, multiline = false }: { min?: number; max: number; multiline?: boolean }) =>
  z
    .string()
    .max(max * 4, `must be at most ${max} characters`)
    .transform((value) => toPlainText(value, { multiline }))
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
        .max(max, `must be at most ${max} characters`),
    );
