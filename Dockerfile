# Breachplan worker and HTTP app image (one image, two commands). Node 20, compiled TypeScript.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -p tsconfig.build.json

FROM node:20-bookworm-slim
ENV NODE_ENV=production BREACHPLAN_MODE=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY runbooks ./runbooks
USER node
CMD ["node", "dist/src/worker/worker-main.js"]
