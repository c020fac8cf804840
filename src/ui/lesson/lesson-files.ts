/**
 * The lessons shipped with the page: every file under lessons/ bundled as text by Vite and loaded once.
 * Adding a lesson folder needs no code change; lessons:check proves each one before it ships.
 */
import { loadLessons, type LoadResult } from "../../lessons/load.ts";

const files = import.meta.glob<string>(["../../../lessons/*/*.{md,yaml,sh}", "../../../lessons/*.preset.sh"], { query: "?raw", import: "default", eager: true });

export const SHIPPED: LoadResult = loadLessons(files);
