/** The sandbox page: the Svelte app over the engine worker. */
import { mount } from "svelte";
import App from "./ui/App.svelte";

mount(App, { target: document.getElementById("app")! });

// Offline after the first visit (the build's sw.js precaches every file). Not in dev: Vite serves
// modules on demand there, and a cache would hide edits.
if (import.meta.env.PROD && "serviceWorker" in navigator && location.protocol !== "file:") {
  addEventListener("load", () => void navigator.serviceWorker.register("./sw.js").catch(() => {}));
}
