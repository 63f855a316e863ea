import { builder } from '../builder.ts';
import './scalars.ts';
import './root.ts';
import './user.ts';

/** The identity subgraph's schema with federation's `_service` and `_entities`. */
export const identitySchema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
