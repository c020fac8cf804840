/**
 * The files of lessons/ as loadLessons takes them, read from disk (the page bundles the same files with
 * import.meta.glob): `<lesson>/<file>` for each lesson folder, and the `*.preset.sh` files beside them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { PRESET_SUFFIX } from "../src/lessons/load.ts";

export const LESSONS_ROOT = new URL("../lessons/", import.meta.url).pathname;

export function readLessonFiles(root = LESSONS_ROOT): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (entry.endsWith(PRESET_SUFFIX)) files[entry] = readFileSync(path, "utf8");
    if (!statSync(path).isDirectory()) continue;
    for (const file of readdirSync(path)) {
      if (statSync(join(path, file)).isFile()) files[`${entry}/${file}`] = readFileSync(join(path, file), "utf8");
    }
  }
  return files;
}
