# One image for every service: the gateway and the four subgraphs differ only in the entry point they run.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages packages
COPY subgraphs subgraphs
COPY gateway gateway
# The gateway trusts the clients' persisted-operations manifests (clients/*/src/gql/persisted-documents.json).
COPY clients clients
COPY scripts scripts
COPY tsconfig.json supergraph.yaml ./
RUN npm ci --no-audit --no-fund && npm run prisma:generate
ENV NODE_ENV=production
USER node
