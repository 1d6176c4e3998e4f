# syntax=docker/dockerfile:1
# One image for every CRM platform process; Kubernetes picks the process with `command`
# (see k8s/README.md). Build:  docker build -t crm-platform:dev .

# ---- build: install everything, compile, then drop dev dependencies ------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund
RUN node -e "const r=require('./services.json');for(const w of [...r.workspaces,...r.domains.flatMap((d)=>d.libraries),...r.services])console.log(w.dir)" \
  | while read -r dir; do mkdir -p "/runtime/$dir" && cp -r "$dir/package.json" "$dir/dist" "/runtime/$dir/"; done

# ---- runtime: compiled output, production node_modules, the committed supergraph -----------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Files stay root-owned (read-only to the app user); k8s also mounts the root filesystem read-only.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
# Every workspace of services.json (package.json + dist), staged in the build stage: adding a
# domain changes nothing here.
COPY --from=build /app/services.json ./services.json
COPY --from=build /runtime/ ./
# The gateway loads <repo>/schema/supergraph.graphql relative to supergraph/dist/gateway/.
COPY --from=build /app/schema ./schema
# `node` is uid/gid 1000 in the base image; the pod spec repeats it numerically (runAsUser).
USER node
# Every pod listens on 4000 (k8s sets the service's own *_PORT to it).
EXPOSE 4000
# Node runs as PID 1 and handles SIGTERM itself (never start under `npm start`).
CMD ["node", "supergraph/dist/gateway/main.js"]
