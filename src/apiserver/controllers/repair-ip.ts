/**
 * The apiserver's ClusterIP repair loop (pkg/registry/core/service/ipallocator/controller/repairip.go):
 * every Service ClusterIP has its IPAddress, every allocator-managed IPAddress belongs to a live Service.
 * Deleting a Service's IPAddress by hand gets it recreated at once, with a ClusterIPNotAllocated event;
 * an IPAddress left without its Service is cleaned up once it is older than a minute.
 */
import type { ApiClient } from "../client.ts";
import type { VirtualClock } from "../machinery/clock.ts";
import { isStatusError } from "../machinery/errors.ts";
import { parseTime } from "../machinery/time.ts";
import { CIDR, parseIPSloppy } from "../../net/index.ts";
import { IPALLOCATOR_MANAGER, LABEL_IP_FAMILY, LABEL_MANAGED_BY, type IPAddress } from "../registry/ipaddress/types.ts";
import type { Service } from "../registry/service/types.ts";
import type { ServiceCIDR } from "../registry/servicecidr/types.ts";
import { APISERVER_USER, SERVICE_CIDRS } from "./default-servicecidr.ts";
import type { EventRecorder } from "./events.ts";
import { QueueController } from "./queue.ts";
import { SERVICES } from "./kubernetes-service.ts";

const IP_ADDRESSES = { group: "networking.k8s.io", version: "v1", resource: "ipaddresses" };
const LEAK_GRACE_MS = 60_000;

export class RepairIPAddressController extends QueueController {
  constructor(private readonly client: ApiClient, clock: VirtualClock, private readonly events: EventRecorder) {
    super("ipallocator-repair-controller", clock);
    for (const s of client.list(SERVICES, undefined).items) this.queue.add(`svc:${s.metadata.namespace}/${s.metadata.name}`);
    for (const ip of client.list(IP_ADDRESSES, undefined).items) this.queue.add(`ip:${ip.metadata.name}`);
    this.onStop(client.watch(SERVICES, (_t, o) => this.queue.add(`svc:${o.metadata.namespace}/${o.metadata.name}`)));
    this.onStop(
      client.watch(IP_ADDRESSES, (t, o) => {
        this.queue.add(`ip:${o.metadata.name}`);
        // Upstream finds a Service whose IPAddress was deleted on its next resync (the repair interval,
        // 3 minutes); the sandbox looks at once, so no other Service can be handed the same IP meanwhile.
        const ref = (o as IPAddress).spec?.parentRef;
        if (t === "DELETED" && ref?.resource === "services") this.queue.add(`svc:${ref.namespace}/${ref.name}`);
      }),
    );
  }

  protected sync(key: string): void {
    if (key.startsWith("svc:")) this.#syncService(key.slice(4));
    else this.#syncIPAddress(key.slice(3));
  }

  #newIPAddress(ip: string, family: string, svc: Service): IPAddress {
    return {
      apiVersion: "networking.k8s.io/v1",
      kind: "IPAddress",
      metadata: { name: ip, labels: { [LABEL_IP_FAMILY]: family, [LABEL_MANAGED_BY]: IPALLOCATOR_MANAGER } },
      spec: { parentRef: { resource: "services", namespace: svc.metadata.namespace, name: svc.metadata.name! } },
    };
  }

  #syncService(key: string): void {
    const [ns, name] = key.split("/");
    let svc: Service;
    try {
      svc = this.client.get(SERVICES, ns, name!) as Service;
    } catch {
      return;
    }
    if (svc.spec.type === "ExternalName" || !svc.spec.clusterIP || svc.spec.clusterIP === "None") return;
    const cidrs = (this.client.list(SERVICE_CIDRS, undefined).items as ServiceCIDR[]).flatMap((s) => (s.spec.cidrs ?? []).map((c) => CIDR.tryParse(c)).filter((c): c is CIDR => !!c));
    for (const text of svc.spec.clusterIPs ?? []) {
      const ip = parseIPSloppy(text);
      if (!ip) continue;
      if (!cidrs.some((c) => c.contains(ip))) {
        this.events.event(svc, "Warning", "ClusterIPOutOfRange", `Cluster IP [${ip.family}]: ${ip} is not within any configured Service CIDR; please recreate service`);
        continue;
      }
      let existing: IPAddress | undefined;
      try {
        existing = this.client.get(IP_ADDRESSES, undefined, ip.toString()) as IPAddress;
      } catch (e) {
        if (!isStatusError(e) || e.reason !== "NotFound") throw e;
      }
      if (!existing) {
        this.events.event(svc, "Warning", "ClusterIPNotAllocated", `Cluster IP [${ip.family}]: ${ip} is not allocated; repairing`);
        this.client.create(IP_ADDRESSES, undefined, this.#newIPAddress(ip.toString(), ip.family, svc), { user: APISERVER_USER });
        continue;
      }
      const ref = existing.spec.parentRef;
      const wrongKind = (ref?.group ?? "") !== "" || ref?.resource !== "services";
      const wrongOwner = ref?.namespace !== svc.metadata.namespace || ref?.name !== svc.metadata.name;
      if (wrongKind || (wrongOwner && !this.#ownerHolds(existing))) {
        this.events.event(svc, "Warning", "ClusterIPNotAllocated", `the ClusterIP [${ip.family}]: ${ip} for Service ${svc.metadata.namespace}/${svc.metadata.name} has a wrong reference; repairing`);
        this.#recreate(existing.metadata.name!, ip.family, svc);
        continue;
      }
      if (wrongOwner) {
        this.events.event(svc, "Warning", "ClusterIPAlreadyAllocated", `Cluster IP [${ip.family}]:${ip} was assigned to multiple services; please recreate service`);
        continue;
      }
      const labels = existing.metadata.labels ?? {};
      if (labels[LABEL_IP_FAMILY] !== ip.family || labels[LABEL_MANAGED_BY] !== IPALLOCATOR_MANAGER) this.#recreate(existing.metadata.name!, ip.family, svc);
    }
  }

  /** Whether the Service an IPAddress names really holds that IP (then another Service claims it twice). */
  #ownerHolds(ip: IPAddress): boolean {
    const ref = ip.spec.parentRef;
    try {
      const owner = this.client.get(SERVICES, ref?.namespace, ref?.name ?? "") as Service;
      return (owner.spec.clusterIPs ?? []).some((c) => parseIPSloppy(c)?.toString() === ip.metadata.name);
    } catch {
      return false;
    }
  }

  #recreate(name: string, family: string, svc: Service): void {
    try {
      this.client.delete(IP_ADDRESSES, undefined, name, { user: APISERVER_USER });
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") throw e;
    }
    this.client.create(IP_ADDRESSES, undefined, this.#newIPAddress(name, family, svc), { user: APISERVER_USER });
  }

  #syncIPAddress(name: string): void {
    let ip: IPAddress;
    try {
      ip = this.client.get(IP_ADDRESSES, undefined, name) as IPAddress;
    } catch {
      return;
    }
    if (ip.metadata.labels?.[LABEL_MANAGED_BY] !== IPALLOCATOR_MANAGER) return;
    const ref = ip.spec.parentRef;
    if ((ref?.group ?? "") !== "" || ref?.resource !== "services") {
      this.events.event(ip, "Warning", "IPAddressNotAllocated", `IPAddress ${name} appears to have been modified, not referencing a Service ${JSON.stringify(ref)}: cleaning up`);
      this.client.delete(IP_ADDRESSES, undefined, name, { user: APISERVER_USER });
      return;
    }
    let svc: Service | undefined;
    try {
      svc = this.client.get(SERVICES, ref.namespace, ref.name) as Service;
    } catch (e) {
      if (!isStatusError(e) || e.reason !== "NotFound") throw e;
    }
    if (!svc) {
      const age = this.clock.now() - (parseTime(ip.metadata.creationTimestamp) ?? this.clock.now());
      if (age > LEAK_GRACE_MS) {
        this.events.event(ip, "Warning", "IPAddressNotAllocated", `IPAddress: ${name} for Service ${ref.namespace}/${ref.name} appears to have leaked: cleaning up`);
        this.client.delete(IP_ADDRESSES, undefined, name, { user: APISERVER_USER });
        return;
      }
      this.queue.addAfter(`ip:${name}`, LEAK_GRACE_MS - age + 1);
      return;
    }
    // Compared in canonical form: a legacy ClusterIP such as 010.96.0.7 owns IPAddress 10.96.0.7 (upstream
    // compares the raw text and would delete and recreate that IPAddress forever).
    if ((svc.spec.clusterIPs ?? []).some((c) => parseIPSloppy(c)?.toString() === name)) return;
    this.events.event(ip, "Warning", "IPAddressWrongReference", `IPAddress: ${name} for Service ${svc.metadata.namespace}/${svc.metadata.name} has a wrong reference; cleaning up`);
    this.client.delete(IP_ADDRESSES, undefined, name, { user: APISERVER_USER });
  }
}
