# syntax=docker/dockerfile:1
# The Maillage image: Node 24 LTS, production dependencies only, the web build baked in, run as `node` (uid 1000).
#   docker build -t maillage .     then see docker-compose.yml (DATABASE_URL, SESSION_SECRET…, DESIGN.md)
# The service runs its TypeScript sources through tsx (a production dependency): no compile step.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: every dependency, then the Vite build of web/ -------------------------------------------
FROM ${NODE_IMAGE} AS build
# argon2 ships prebuilt binaries for glibc; the toolchain is only a fallback for other architectures.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: sources, pruned node_modules, web/dist ------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PGLITE_DIR=/app/.pglite
WORKDIR /app
# Everything the build stage kept (sources, pruned node_modules, web/dist); .dockerignore already left out
# tests/, bench/, docs/ and local state. Owned by root: the service can read its code, not rewrite it.
COPY --from=build /app ./
# Only the embedded database (used without DATABASE_URL) is writable by the unprivileged user.
RUN mkdir -p /app/.pglite && chown node:node /app/.pglite
USER node
EXPOSE 3000
# /readyz checks the database; compose and orchestrators use it to hold traffic until the instance is ready.
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD ["node", "-e", \
       "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (no npm wrapper), so SIGTERM reaches the drain handler of `maillage serve`.
CMD ["node", "--import", "tsx", "cli/main.ts", "serve"]
