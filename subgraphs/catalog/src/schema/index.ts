import { cacheControlDirective } from '@threadly/subgraph-runtime';
import { builder } from '../builder.ts';
import './scalars.ts';
import './root.ts';
import './money.ts';
import './category.ts';
import './product-image.ts';
import './product.ts';
import './product-connection.ts';
import './product-search.ts';
import './listing.ts';
import './favorite.ts';
import './user.ts';

/** The catalog subgraph's schema with federation's `_service` and `_entities`. */
export const catalogSchema = builder.toSubGraphSchema({ directives: [cacheControlDirective], linkUrl: 'https://specs.apollo.dev/federation/v2.6' });
