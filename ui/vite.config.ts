import { defineConfig } from "vite";

// The desktop shell serves `dist/` itself; the dev server is only for `npm run dev`.
export default defineConfig({
  clearScreen: false,
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true },
});
