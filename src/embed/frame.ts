/**
 * The iframe page (embed.html): one `<cidr-lab>` filling the frame, configured by the page's URL
 * parameters, which take the element's attribute names (`embed.html?seed=3&views=none&lang=ko`).
 */
import "./index.ts";
import { EMBED_ATTRIBUTES } from "./config.ts";

const params = new URLSearchParams(location.search);
const el = document.createElement("cidr-lab");
for (const name of EMBED_ATTRIBUTES) {
  const v = params.get(name);
  if (v !== null) el.setAttribute(name, v);
}
// In a frame the widget is the whole page: it takes the frame's height unless told otherwise.
if (!params.has("height")) el.setAttribute("height", "100vh");
document.body.append(el);
