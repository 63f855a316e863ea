import { z } from 'zod';
import type { FormParams, FormValue } from './form-decoding.ts';
import { invalidRequest, missingParam, unknownParam } from './stripe-errors.ts';

/** Stripe writes a nested parameter's name with brackets: `metadata[order_id]`. */
export const paramName = (path: readonly PropertyKey[]) =>
  path.map((part, index) => (index === 0 ? String(part) : `[${String(part)}]`)).join('');

export const formInteger = (min: number) =>
  z
    .string()
    .regex(/^-?\d+$/, 'Invalid integer')
    .transform(Number)
    .refine((value) => Number.isSafeInteger(value) && value >= min, `This value must be greater than or equal to ${min}.`);

export const formBoolean = z.enum(['true', 'false'], 'Invalid boolean').transform((value) => value === 'true');

/** A list arrives as `name[0]=a&name[1]=b` (or `name[]=…`); the decoder leaves it an index-keyed record. */
export const formList = <Item extends z.ZodType>(item: Item) =>
  z.preprocess((value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value as FormParams);
    if (!entries.every(([key]) => /^\d+$/.test(key))) return value;
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, entry]) => entry);
  }, z.array(item, 'Invalid array'));

/**
 * Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. An empty value unsets a key, and an
 * empty `metadata=` clears it all.
 */
export const metadataParam = z
  .union([z.literal('').transform(() => ({})), z.record(z.string(), z.string(), 'Invalid hash')])
  .transform((entries) => Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== '')))
  .superRefine((metadata, context) => {
    const keys = Object.keys(metadata);
    if (keys.length > 50) context.addIssue({ code: 'custom', message: 'Metadata can have up to 50 keys.' });
    for (const key of keys) {
      if (key.length > 40) context.addIssue({ code: 'custom', message: `Metadata keys can be up to 40 characters long (${key}).` });
      if ((metadata[key] ?? '').length > 500) context.addIssue({ code: 'custom', path: [key], message: 'Metadata values can have up to 500 characters.' });
    }
  });

const valueAt = (params: FormParams, path: readonly PropertyKey[]): FormValue | undefined =>
  path.reduce<FormValue | undefined>((value, key) => (typeof value === 'object' ? value[String(key)] : undefined), params);

/** Validates decoded params against an endpoint's schema, answering the way Stripe does: one error, about one param. */
export function parseParams<Schema extends z.ZodType>(schema: Schema, params: FormParams): z.output<Schema> {
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  if (issue.code === 'unrecognized_keys') throw unknownParam(paramName([...issue.path, issue.keys[0] ?? '']));
  const param = paramName(issue.path);
  if (issue.path.length > 0 && valueAt(params, issue.path) === undefined && issue.code === 'invalid_type') throw missingParam(param);
  throw invalidRequest(`${issue.message}${param ? ` (${param})` : ''}`, { code: 'parameter_invalid', param: param || undefined });
}
