/** ConfigMap's schema (k8s.io/api/core/v1/types.go, shortened). */
import { bool, kindSchema, strMap, type Schema } from "../../machinery/schema.ts";

export const CONFIG_MAP_SCHEMA: Schema = kindSchema("v1.ConfigMap", "ConfigMap holds configuration data for pods to consume.", {
  binaryData: { type: "map", go: "map[string][]uint8", description: "BinaryData contains the binary data.", values: { type: "string", go: "[]uint8" } },
  data: strMap("Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'."),
  immutable: bool("Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified)."),
});
