import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default {
  preprocess: vitePreprocess(),
  // Component styles travel inside their JavaScript: the <cidr-lab> element is one script a docs page
  // loads, with no stylesheet to link, and the page gets the same components the same way.
  compilerOptions: { css: "injected" },
};
