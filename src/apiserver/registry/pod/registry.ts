/**
 * Pod storage (pkg/registry/core/pod/storage/storage.go): admission at create, graceful deletion, and
 * the binding subresource the scheduler writes through.
 *
 * Graceful deletion (strategy.go CheckGracefulDelete, rest/delete.go BeforeDelete): a pod that runs on a
 * node is not removed by a delete; it gets a deletionTimestamp `grace` seconds ahead and the kubelet
 * removes it once its containers have stopped. An unscheduled or finished pod goes at once.
 *
 * The binding subresource takes a Pod whose spec.nodeName names the target, rather than a v1 Binding:
 * the sandbox's client has no POST to subresources. The rules are those of BindingREST.assignPod.
 */
import { apiErrors } from "../../machinery/errors.ts";
import { deepClone } from "../../machinery/object.ts";
import { GenericRegistry, type DeleteOptions, type DeleteResult, type RequestContext } from "../../machinery/rest.ts";
import { rfc3339 } from "../../machinery/time.ts";
import { admitPod } from "./admission.ts";
import { isPodTerminal, type Pod, type PodCondition } from "./types.ts";

export class PodRegistry extends GenericRegistry<Pod> {
  override create(namespace: string | undefined, input: Pod, ctx: RequestContext, version?: string): Pod {
    if (input.spec?.containers) admitPod(input, this.deps.random);
    return super.create(namespace, input, ctx, version);
  }

  override update(namespace: string | undefined, input: Pod, ctx: RequestContext, subresource = "", version?: string): Pod {
    if (subresource === "binding") return this.#bind(namespace, input, ctx);
    return super.update(namespace, input, ctx, subresource, version);
  }

  override delete(namespace: string | undefined, name: string, ctx: RequestContext, opts: DeleteOptions = {}, version = this.def.versions[0]!): DeleteResult<Pod> {
    const pod = this.get(namespace, name);
    let period = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 0;
    if (!pod.spec.nodeName || isPodTerminal(pod)) period = 0;
    if (period < 0) period = 1;
    if (period === 0) return super.delete(namespace, name, ctx, opts, version);
    this.deps.admission.validate({ operation: "DELETE", def: this.def, version, subresource: "", namespace: pod.metadata.namespace ?? "", name, object: null, oldObject: pod, ctx });
    const deadline = this.deps.clock.now() + period * 1000;
    const current = Date.parse(pod.metadata.deletionTimestamp ?? "");
    // A second delete may only bring the deadline forward.
    if (!Number.isNaN(current) && current <= deadline) return { object: pod, deleted: false };
    const marked = deepClone(pod);
    marked.metadata.deletionTimestamp = rfc3339(deadline);
    marked.metadata.deletionGracePeriodSeconds = period;
    // KEP-5067 (1.34): setting the deletion timestamp is a change of the desired state.
    marked.metadata.generation = (pod.metadata.generation ?? 0) + 1;
    if (ctx.dryRun) return { object: marked, deleted: false };
    return { object: this.deps.store.update(this.key, marked, ctx.user.username) as Pod, deleted: false };
  }

  #bind(namespace: string | undefined, input: Pod, ctx: RequestContext): Pod {
    const name = input.metadata?.name ?? "";
    const pod = this.get(namespace, name);
    const node = input.spec?.nodeName ?? "";
    if (pod.metadata.deletionTimestamp) throw apiErrors.conflict(this.gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (pod.spec.nodeName) throw apiErrors.conflict(this.gr, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    const bound = deepClone(pod);
    bound.spec.nodeName = node;
    const scheduled: PodCondition = { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: rfc3339(this.deps.clock.now()) };
    if (pod.metadata.generation !== undefined) scheduled.observedGeneration = pod.metadata.generation;
    const conditions = (bound.status ??= {}).conditions ?? [];
    const i = conditions.findIndex((c) => c.type === "PodScheduled");
    if (i >= 0) conditions[i] = scheduled;
    else conditions.push(scheduled);
    bound.status.conditions = conditions;
    if (ctx.dryRun) return bound;
    return this.deps.store.update(this.key, bound, ctx.user.username) as Pod;
  }
}
