import { defineConfig, type Plugin } from "vite";

// `vite --mode mock` loads an in-memory backend before the app, for work in a plain browser.
const mockBackend: Plugin = {
  name: "drydock-mock-backend",
  transformIndexHtml: () => [
    { tag: "script", attrs: { type: "module", src: "/test/mock-setup.ts" }, injectTo: "head-prepend" },
  ],
};

// The desktop shell serves `dist/` itself; the dev server is only for `npm run dev`.
export default defineConfig(({ mode }) => ({
  clearScreen: false,
  plugins: mode === "mock" ? [mockBackend] : [],
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
}));
