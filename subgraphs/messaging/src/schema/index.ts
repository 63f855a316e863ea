import { cacheControlDirective } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import './scalars.ts';
import './root.ts';
import './product.ts';
import './user.ts';
import './conversation.ts';
import './message.ts';

/** The messaging subgraph's schema with federation's `_service` and `_entities`. */
export const messagingSchema = builder.toSubGraphSchema({ directives: [cacheControlDirective], linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
