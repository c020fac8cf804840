/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { offline } from "./scripts/vite-offline.ts";

export default defineConfig({
  plugins: [svelte(), offline()],
  // Relative asset URLs: the built folder runs from any static host under any base path.
  base: "./",
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      // The page, the iframe page, the docs demo, and the custom element under a stable name that a docs
      // site can point a <script> at.
      input: { main: "index.html", embed: "embed.html", demo: "demo.html", "cidr-lab": "src/embed/index.ts" },
      output: { entryFileNames: (chunk) => (chunk.name === "cidr-lab" ? "cidr-lab.js" : "assets/[name]-[hash].js") },
    },
  },
  worker: { format: "es" },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
});
