import { z } from 'zod';
import { isUuid } from '@threadly/database';

/** An id argument that must be well-formed before anything is looked up (BAD_USER_INPUT otherwise). */
export const uuid = z.string().refine(isUuid, 'must be a UUID');
