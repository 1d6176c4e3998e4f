# syntax=docker/dockerfile:1
# One image for every CRM platform process; Kubernetes picks the process with `command`
# (see k8s/README.md). Build:  docker build -t crm-platform:dev .

# ---- build: install everything, compile --------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build
# Stage what the image needs of every workspace services.json lists (no per-service lines here):
# /manifests gets each workspace's package.json (npm sees every workspace the lockfile names) and
# the --workspace flags of those the image runs; /runtime gets their package.json + dist/.
RUN node -e "const r=require('./services.json');for(const w of [...r.workspaces,...r.domains.flatMap((d)=>d.libraries),...r.services])console.log(w.dir, w.image===false?'no':'yes')" \
  | while read -r dir image; do \
      mkdir -p "/manifests/$dir" && cp "$dir/package.json" "/manifests/$dir/"; \
      if [ "$image" = yes ]; then mkdir -p "/runtime/$dir" && cp -r "$dir/package.json" "$dir/dist" "/runtime/$dir/" && printf -- '--workspace=%s\n' "$dir" >> /manifests/.workspaces; fi; \
    done

# ---- deps: production dependencies of the workspaces the image runs, nothing else ----------
# A fresh install limited to those workspaces: `npm prune --omit=dev` would keep the bench
# workspace's dependencies (Hive Gateway, GraphQL Mesh, autocannon) and its @crm/bench link.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /manifests/ ./
# bench (image: false in services.json) is only declared so npm sees every workspace; nothing of it is installed
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund --include-workspace-root $(cat .workspaces) \
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
# Every workspace the image runs (package.json + dist/), staged in the build stage from services.json,
# and the registry itself (the gateway reads its subgraph URL variables from it).
COPY --from=build /runtime/ ./
COPY --from=build /app/services.json ./services.json
# The gateway loads <repo>/schema/supergraph.graphql relative to supergraph/dist/gateway/.
COPY --from=build /app/schema ./schema
# `node` is uid/gid 1000 in the base image; the pod spec repeats it numerically (runAsUser).
USER node
# Every pod listens on 4000 (k8s sets the service's own *_PORT to it).
EXPOSE 4000
# Node runs as PID 1 and handles SIGTERM itself (never start under `npm start`).
CMD ["node", "supergraph/dist/gateway/main.js"]
