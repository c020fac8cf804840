/** pkg/registry/apps/deployment/strategy.go: spec changes bump the generation; status has its own subresource. */
import type { RESTStrategy } from "../../machinery/rest.ts";
import type { Deployment } from "./types.ts";
import { validateDeployment, validateDeploymentUpdate } from "./validation.ts";

export const deploymentStrategy = {
  tracksGeneration: true,
  prepareForCreate(d) {
    d.status = {};
  },
  validate: (d) => validateDeployment(d),
  prepareForUpdate(d, old) {
    d.status = old.status;
  },
  validateUpdate: (d, old) => validateDeploymentUpdate(d, old),
} satisfies RESTStrategy<Deployment>;

export const deploymentStatusStrategy = {
  ...deploymentStrategy,
  prepareForUpdate(d, old) {
    d.spec = old.spec;
    d.metadata.labels = old.metadata.labels;
    if (!d.metadata.labels) delete d.metadata.labels;
  },
  validateUpdate: () => [],
} satisfies RESTStrategy<Deployment>;
