/** SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go). */
import { setTemplateDefaults } from "./workload.ts";
import type { Deployment } from "./types.ts";

export function setDeploymentDefaults(d: Deployment): void {
  const spec = (d.spec ??= { template: { spec: { containers: [] } } });
  if (spec.replicas === undefined) spec.replicas = 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined) ru.maxUnavailable = "25%";
    if (ru.maxSurge === undefined) ru.maxSurge = "25%";
  }
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined) spec.progressDeadlineSeconds = 600;
  setTemplateDefaults(spec.template);
}
