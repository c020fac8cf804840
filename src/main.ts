/** The sandbox page: the Svelte app over the engine worker. */
import { mount } from "svelte";
import App from "./ui/App.svelte";

mount(App, { target: document.getElementById("app")! });
