# Roster server in a container (docs/SERVER.md, "In a container").
#   docker build -t roster .
#   docker run -d --name roster -p 127.0.0.1:8080:8080 -v roster-data:/data \
#     -e ROSTER_PUBLIC_URL=https://roster.example.com -e ROSTER_TRUST_PROXY=172.17.0.1 roster
# The store, its backups and the log live in the volume /data. The command line runs in the same container:
#   docker exec -it roster roster admins add --email ana@example.com --role owner

FROM node:22-slim AS build
WORKDIR /app
# better-sqlite3 is compiled when no prebuilt binary fits this Node and platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The desktop app's Electron and the test browsers are not needed to build or run the server.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
ENV NODE_ENV=production \
  ROSTER_USER_DATA_DIR=/data \
  ROSTER_DB=/data/roster.db \
  ROSTER_HOST=0.0.0.0 \
  ROSTER_PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/out/main ./out/main
COPY --from=build /app/package.json ./package.json
RUN printf '#!/bin/sh\nexec node /app/out/main/cli.js "$@"\n' > /usr/local/bin/roster \
  && chmod 0755 /usr/local/bin/roster \
  && mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
# Ready: the store is open and takes a write.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# SIGTERM: stop accepting, finish requests in flight (10 s at most), close the store, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/out/main/cli.js"]
CMD ["server", "--host", "0.0.0.0", "--port", "8080"]
