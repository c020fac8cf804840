# Solution of "Services and their ClusterIPs": lessons:check plays it step by step.

# step: first-service
kubectl create service clusterip web --tcp=80:8080

# step: ipaddress
kubectl delete service web

# step: well-known
kubectl create service clusterip pinned --tcp=80 --clusterip=10.96.0.53

# step: bands
for i in 1 2 3 4 5; do kubectl create service clusterip "auto-$i" --tcp=80; done

# step: nodeport
kubectl create service nodeport web-np --tcp=80:8080

# step: no-clusterip
kubectl create service clusterip db --clusterip=None
kubectl create service externalname docs --external-name=kubernetes.io
