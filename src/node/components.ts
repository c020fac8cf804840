/**
 * How a control plane's static pods run: a container named kube-apiserver or kube-controller-manager
 * starts that component of the cluster from the container's command line; etcd and kube-scheduler run
 * without a model of their own in the sandbox (the store is etcd; scheduling is a controller). Raw log
 * messages become klog lines stamped with the virtual clock.
 */
import { klogLine, type Cluster } from "../apiserver/cluster.ts";
import type { ComponentHost, LogSink } from "./kubelet/static-pods.ts";

/** Where kube-apiserver 1.34 logs its first lines (server.go/options.go in cmd/kube-apiserver/app). */
const KNOWN_SOURCES: [RegExp, string][] = [
  [/^Version: /, "server.go:148"],
  [/^external host was not specified/, "options.go:221"],
];

export function clusterComponents(cluster: Cluster): ComponentHost {
  const klog = (log: LogSink): LogSink => (line) => {
    if (/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} /.test(line)) return log(line);
    const source = KNOWN_SOURCES.find(([re]) => re.test(line))?.[1] ?? "server.go:1";
    log(klogLine("I", cluster.clock.now(), source, line));
  };
  return {
    start(container, command, log) {
      switch (container) {
        case "kube-apiserver":
          klog(log)(`external host was not specified, using ${cluster.spec.advertiseAddress}`);
          return cluster.startApiServer(command, klog(log));
        case "kube-controller-manager":
          return cluster.startControllerManager(command, klog(log));
        default:
          klog(log)(`Starting ${container}`);
          return null;
      }
    },
    stop(container) {
      if (container === "kube-apiserver") cluster.stopApiServer();
      else if (container === "kube-controller-manager") cluster.stopControllerManager();
    },
  };
}
