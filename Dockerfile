# syntax=docker/dockerfile:1
# jetway: build stage (all dependencies, swc build), production dependencies stage, slim runtime as a
# non-root user. The runtime has dist/ (with the chat page and the Web Chat bundle copied in by
# `npm run build`) and production node_modules only: no tsx, no TypeScript, no botframework-webchat tree.
#   docker build -t jetway .
#   docker run --rm -e DATABASE_URL=mysql://… jetway node dist/scripts/migrate.js   # release step
#   docker run -p 3978:3978 -e DATABASE_URL=mysql://… -e JWT_SECRET=… -e PUBLIC_URL=https://… jetway
ARG NODE_IMAGE=node:20.19-bookworm-slim

# Native modules (argon2, better-sqlite3) compile from source when no prebuilt binary matches.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./

FROM toolchain AS build
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM toolchain AS production-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    METRICS_PORT=9464 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978 9464
VOLUME ["/app/data"]
# Liveness: the process answers. Orchestrators route traffic by /readyz (503 while draining or without a database).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1 and handles SIGTERM itself (graceful shutdown within SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
# A young generation of 64 MB semi-spaces: a chat turn's objects die young instead of being promoted to the old
# generation and collected there (−20 % CPU per turn in bench:chat; see the README, "Deploying").
CMD ["node", "--max-semi-space-size=64", "dist/main.js"]
