/**
 * Seed 004 through the learner's own terminal: az on the home shell of a default sandbox, the lab
 * running the AKS cluster az asks for, get-credentials switching kubectl over to it, and the route
 * table filling with one UDR per node /24 as the nodes register and node IPAM hands out ranges.
 */
import { describe, expect, it } from "vitest";
import { Session } from "../../src/shell/session.ts";

const MC = "MC_myResourceGroup_myAKSCluster_eastus";

async function run(s: Session, line: string): Promise<string> {
  const r = await s.run(line);
  return r.output;
}

describe("seed 004 in the sandbox's shell", () => {
  it("creates the kubenet cluster, switches kubectl to it and routes each node's /24 to the node", async () => {
    const s = await Session.create({ seed: 4 });
    expect(s.cluster?.server).toBe("192.168.0.7:6443");
    await run(s, "az group create --name myResourceGroup --location eastus -o none");
    await run(
      s,
      "az network vnet create --resource-group myResourceGroup --name myAKSVnet --address-prefixes 192.168.0.0/16 --subnet-name myAKSSubnet --subnet-prefix 192.168.1.0/24 --location eastus -o none",
    );
    const id = await run(s, "SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv); echo $SUBNET_ID");
    expect(id).toMatch(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/myResourceGroup\/providers\/Microsoft\.Network\/virtualNetworks\/myAKSVnet\/subnets\/myAKSSubnet\n$/);
    const principal = await run(s, "az identity create --name myIdentity --resource-group myResourceGroup --query principalId -o tsv");
    expect(principal).toMatch(/^[0-9a-f-]{36}\n$/);
    const ra = await s.run(
      `VNET_ID=$(az network vnet show -g myResourceGroup -n myAKSVnet --query id -o tsv); az role assignment create --assignee ${principal.trim()} --scope $VNET_ID --role "Network Contributor" --query principalId -o tsv`,
    );
    expect(ra.output).toBe(principal);
    expect(await run(s, 'az role assignment list --scope "$VNET_ID" --query "[].roleDefinitionName" -o tsv')).toBe("Network Contributor\n");

    const create = await s.run(
      "az aks create --resource-group myResourceGroup --name myAKSCluster --network-plugin kubenet --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 --pod-cidr 10.244.0.0/16 --vnet-subnet-id $SUBNET_ID --query networkProfile.networkPlugin -o tsv",
    );
    expect(create.output).toBe("kubenet\n");
    expect(create.exitCode).toBe(0);
    // Until get-credentials, kubectl still talks to the kubeadm cluster.
    expect(s.cluster?.server).toBe("192.168.0.7:6443");

    const creds = await s.run("az aks get-credentials --resource-group myResourceGroup --name myAKSCluster");
    expect(creds.output).toContain('Merged "myAKSCluster" as current context in /root/.kube/config\n');
    expect(await run(s, "kubectl config current-context")).toBe("myAKSCluster\n");
    expect(s.cluster?.server).toMatch(/^myaksclust-myresourcegroup-[0-9a-f]{6}-[a-z0-9]{8}\.hcp\.eastus\.azmk8s\.io:443$/);

    // The nodes take .4, .5, .6 of the subnet and the next /24s of the pod CIDR.
    const nodes = await run(s, "kubectl get nodes -o custom-columns=NAME:.metadata.name,IP:.status.addresses[0].address,CIDR:.spec.podCIDR --no-headers");
    const rows = nodes.trim().split("\n").map((l) => l.split(/\s+/));
    expect(rows.map((r) => r.slice(1))).toEqual([
      ["192.168.1.4", "10.244.0.0/24"],
      ["192.168.1.5", "10.244.1.0/24"],
      ["192.168.1.6", "10.244.2.0/24"],
    ]);
    expect(rows[0]![0]).toMatch(/^aks-nodepool1-\d{8}-vmss000000$/);
    // kube-dns sits at --dns-service-ip, the kubernetes Service at the range's first address.
    expect(await run(s, "kubectl get svc -A -o custom-columns=NAMESPACE:.metadata.namespace,NAME:.metadata.name,CLUSTER-IP:.spec.clusterIP,PORTS:.spec.ports[*].port")).toBe(
      "NAMESPACE     NAME         CLUSTER-IP   PORTS\ndefault       kubernetes   10.0.0.1     443\nkube-system   kube-dns     10.0.0.10    53,53\n",
    );

    const table = (await run(s, `az network route-table list -g ${MC} --query "[0].name" -o tsv`)).trim();
    expect(table).toMatch(/^aks-agentpool-\d{8}-routetable$/);
    const routes = await run(s, `az network route-table route list -g ${MC} --route-table-name ${table} --query "[].[addressPrefix,nextHopIpAddress,nextHopType]" -o tsv`);
    expect(routes).toBe("10.244.0.0/24\t192.168.1.4\tVirtualAppliance\n10.244.1.0/24\t192.168.1.5\tVirtualAppliance\n10.244.2.0/24\t192.168.1.6\tVirtualAppliance\n");

    // Inside a node: kubenet's cbr0 holds the .1 of the node's /24; other nodes' ranges go out by the
    // default route to Azure, whose route table holds the UDRs above.
    expect(await run(s, `ssh ${rows[0]![0]} ip route`)).toBe(
      "default via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.4 metric 100\n" +
        "10.244.0.0/24 dev cbr0 proto kernel scope link src 10.244.0.1\n" +
        "168.63.129.16 via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.4 metric 100\n" +
        "169.254.169.254 via 192.168.1.1 dev eth0 proto dhcp src 192.168.1.4 metric 100\n" +
        "192.168.1.0/24 dev eth0 proto kernel scope link src 192.168.1.4 metric 100\n" +
        "192.168.1.1 dev eth0 proto dhcp scope link src 192.168.1.4 metric 100\n",
    );
    expect(await run(s, `ssh ${rows[1]![0]} iptables-save -t nat | grep -- '-A KUBE-SERVICES -d'`)).toBe(
      '-A KUBE-SERVICES -d 10.0.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y\n',
    );

    // Scaling out adds a node, its /24 and its route; a user pool takes the next addresses and ranges.
    await run(s, "az aks scale -g myResourceGroup -n myAKSCluster --node-count 4 -o none");
    await run(s, "az aks nodepool add -g myResourceGroup --cluster-name myAKSCluster -n userpool --node-count 2 --max-pods 50 -o none");
    const pools = await run(s, "az aks nodepool list -g myResourceGroup --cluster-name myAKSCluster --query \"[].[name,count,maxPods,mode]\" -o tsv");
    expect(pools).toBe("nodepool1\t4\t110\tSystem\nuserpool\t2\t50\tUser\n");
    const after = await run(s, `az network route-table route list -g ${MC} --route-table-name ${table} --query "[].[addressPrefix,nextHopIpAddress]" -o tsv`);
    expect(after.split("\n").slice(3)).toEqual(["10.244.3.0/24\t192.168.1.7", "10.244.4.0/24\t192.168.1.8", "10.244.5.0/24\t192.168.1.9", ""]);
    const pods = await run(s, "kubectl get nodes -l agentpool=userpool -o jsonpath='{.items[*].status.capacity.pods}'");
    expect(pods).toBe("50 50");

    // Scaling in removes the highest instances and, once their Nodes are gone, their routes.
    await run(s, "az aks nodepool scale -g myResourceGroup --cluster-name myAKSCluster -n nodepool1 --node-count 2 -o none");
    const left = await run(s, `az network route-table route list -g ${MC} --route-table-name ${table} --query "[].addressPrefix" -o tsv`);
    expect(left).toBe("10.244.0.0/24\n10.244.1.0/24\n10.244.4.0/24\n10.244.5.0/24\n");
  });
});
