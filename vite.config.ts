/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs: the built folder runs from any static host under any base path.
  base: "./",
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    rolldownOptions: { input: { main: "index.html" } },
  },
  worker: { format: "es" },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
});
