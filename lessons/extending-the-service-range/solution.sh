# Solution of "When the range runs out": lessons:check plays it step by step.

# step: fill
for i in $(seq 1 13); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done

# step: extend
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: newcidr1
spec:
  cidrs:
  - 10.96.0.0/24
EOF

# step: new-ips
for i in $(seq 13 16); do kubectl create service clusterip "test-$i" --tcp 80 -o json | jq -r .spec.clusterIP; done

# step: reserve
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: IPAddress
metadata:
  name: 10.96.0.200
spec:
  parentRef:
    resource: services
    namespace: default
    name: gateway
EOF
