// `npm run web`: the app on http://localhost:5173, talking to the gateway at VITE_GRAPHQL_URL
// (http://localhost:4000/graphql by default). See dev/web-app-config.ts.
import { defineConfig } from 'vite';
import { webAppConfig } from './dev/web-app-config.ts';

export default defineConfig(webAppConfig());
