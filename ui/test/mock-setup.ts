// `npm run dev:mock`: the UI in a plain browser, over the in-memory backend, with a sample
// project and history, for working on the layout without the desktop shell.
import type { HistoryPoint } from "../src/bindings";
import { installFakeBackend } from "./fake-backend";

const dockerfile = `# syntax=docker/dockerfile:1
FROM node:latest AS build
WORKDIR /app
COPY package*.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN <<EOF
set -e
npm run build
EOF

FROM gcr.io/distroless/nodejs20 AS runtime
COPY --from=build /app/dist /app
ENV PORT="3000" NODE_ENV=production
EXPOSE 3000
USER nonroot
CMD ["/app/server.js"]
`;

const backend = installFakeBackend({ Dockerfile: dockerfile, "docker/api.Dockerfile": "FROM alpine:latest\n" });

backend.history = Array.from({ length: 12 }, (_, i): HistoryPoint => {
  const failed = i === 7;
  const size = 90_000_000 + i * 2_000_000 + (i === 9 ? 40_000_000 : 0);
  return {
    buildId: i + 1,
    startedAtMs: Date.now() - (12 - i) * 3_600_000,
    status: failed ? "failed" : "succeeded",
    sizeBytes: failed ? null : size,
    durationMs: 20_000 + ((i * 7919) % 9) * 2_000 + (i === 10 ? 30_000 : 0),
    cacheHitRatio: failed ? null : ((i * 3) % 7) / 7,
    stepCount: 9,
    cacheHits: (i * 3) % 7,
    layers: failed
      ? []
      : [
          { digest: "sha256:base", sizeBytes: 60_000_000, createdBy: "FROM gcr.io/distroless/nodejs20" },
          { digest: `sha256:app${i}`, sizeBytes: size - 62_000_000, createdBy: "COPY --from=build /app/dist /app" },
          { digest: "sha256:cfg", sizeBytes: 2_000_000, createdBy: "ENV PORT=3000" },
        ],
    sizeRegression: i === 9,
    durationRegression: i === 10,
    sizeDeltaBytes: i === 0 ? null : 2_000_000,
    durationDeltaMs: null,
    health: failed ? null : "healthy",
  };
});

// `?press=Ctrl-B,Ctrl-4` presses those keys once the app is up (for headless screenshots).
const keys = new URLSearchParams(location.search).get("press");
if (keys) {
  setTimeout(() => {
    for (const combo of keys.split(",")) {
      const parts = combo.split("-");
      const key = parts.at(-1)!;
      document.body.dispatchEvent(
        new KeyboardEvent("keydown", { key, ctrlKey: parts.includes("Ctrl"), shiftKey: parts.includes("Shift"), bubbles: true }),
      );
    }
  }, 500);
}
