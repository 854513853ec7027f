# For users who deploy with Docker (docker-compose.yml). Not used by the tests.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node scripts/prisma-generate.mjs && NEXT_TELEMETRY_DISABLED=1 node node_modules/next/dist/bin/next build

FROM node:20-bookworm-slim
# the CJK fonts the PDF download embeds as subsets (lib/documents/pdf-fonts.ts)
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build /app /app
EXPOSE 3000
# applies migrations (Prisma WASM schema engine), then `next start`; SEED_DEMO=true adds the demo data
CMD ["node", "node_modules/tsx/dist/cli.mjs", "scripts/serve.ts"]
