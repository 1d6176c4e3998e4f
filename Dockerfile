# syntax=docker/dockerfile:1
# One image for every CRM platform process; Kubernetes picks the process with `command`
# (see k8s/README.md). Build:  docker build -t crm-platform:dev .

# ---- build: install everything, compile --------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build

# ---- deps: production dependencies of the workspaces the image runs, nothing else ----------
# A fresh install limited to those workspaces: `npm prune --omit=dev` would keep the bench
# workspace's dependencies (Hive Gateway, GraphQL Mesh, autocannon) and its @crm/bench link.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY platform/package.json platform/
COPY event-bus/package.json event-bus/
COPY subgraphs/contacts/model/package.json subgraphs/contacts/model/
COPY subgraphs/contacts/write/package.json subgraphs/contacts/write/
COPY subgraphs/contacts/read/package.json subgraphs/contacts/read/
COPY subgraphs/identity/write/package.json subgraphs/identity/write/
COPY subgraphs/identity/read/package.json subgraphs/identity/read/
COPY supergraph/package.json supergraph/
# bench/package.json only so npm sees every workspace the lockfile names; nothing of it is installed
COPY bench/package.json bench/
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund --include-workspace-root \
      --workspace=platform --workspace=event-bus --workspace=subgraphs/contacts/model \
      --workspace=subgraphs/contacts/write --workspace=subgraphs/contacts/read \
      --workspace=subgraphs/identity/write --workspace=subgraphs/identity/read --workspace=supergraph \
 && mkdir /out && find . -name node_modules -prune -type d -exec cp -a --parents {} /out/ \;
# /out holds node_modules/ plus the workspaces' own node_modules/ (e.g. platform/node_modules:
# a version of a package that differs from the hoisted one), each at its path

# ---- runtime: compiled output, production node_modules, the committed supergraph -----------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay root-owned (read-only to the app user); k8s also mounts the root filesystem read-only.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=deps /out/ ./
COPY --from=build /app/platform/package.json ./platform/package.json
COPY --from=build /app/platform/dist ./platform/dist
COPY --from=build /app/event-bus/package.json ./event-bus/package.json
COPY --from=build /app/event-bus/dist ./event-bus/dist
COPY --from=build /app/subgraphs/contacts/model/package.json ./subgraphs/contacts/model/package.json
COPY --from=build /app/subgraphs/contacts/model/dist ./subgraphs/contacts/model/dist
COPY --from=build /app/subgraphs/contacts/write/package.json ./subgraphs/contacts/write/package.json
COPY --from=build /app/subgraphs/contacts/write/dist ./subgraphs/contacts/write/dist
COPY --from=build /app/subgraphs/contacts/read/package.json ./subgraphs/contacts/read/package.json
COPY --from=build /app/subgraphs/contacts/read/dist ./subgraphs/contacts/read/dist
# identity-write runs as its own workload, and the gateway imports it too (subgraphs.config.ts).
COPY --from=build /app/subgraphs/identity/write/package.json ./subgraphs/identity/write/package.json
COPY --from=build /app/subgraphs/identity/write/dist ./subgraphs/identity/write/dist
# identity-read likewise: its own workload, and the gateway imports its SDL (subgraphs.config.ts).
COPY --from=build /app/subgraphs/identity/read/package.json ./subgraphs/identity/read/package.json
COPY --from=build /app/subgraphs/identity/read/dist ./subgraphs/identity/read/dist
COPY --from=build /app/supergraph/package.json ./supergraph/package.json
COPY --from=build /app/supergraph/dist ./supergraph/dist
# The gateway loads <repo>/schema/supergraph.graphql relative to supergraph/dist/gateway/.
COPY --from=build /app/schema ./schema
# `node` is uid/gid 1000 in the base image; the pod spec repeats it numerically (runAsUser).
USER node
EXPOSE 4000 4101 4102 4103 4104
# Node runs as PID 1 and handles SIGTERM itself (never start under `npm start`).
CMD ["node", "supergraph/dist/gateway/main.js"]
