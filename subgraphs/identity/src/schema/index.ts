import { cacheControlDirective } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import './scalars.ts';
import './root.ts';
import './user.ts';

/** The identity subgraph's schema with federation's `_service` and `_entities`. */
export const identitySchema = builder.toSubGraphSchema({ directives: [cacheControlDirective], linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
