# Solution of "kube-proxy: from ClusterIP to Pod": lessons:check plays it step by step.

# step: endpoints
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  ports:
  - name: pg
    port: 5432
EOF
cat <<'EOF' | kubectl apply -f -
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  labels:
    kubernetes.io/service-name: db
addressType: IPv4
ports:
- name: pg
  port: 5432
  protocol: TCP
endpoints:
- addresses: ["10.244.1.5"]
- addresses: ["10.244.2.7"]
EOF

# step: rules
kubectl patch endpointslice db-1 --type=json -p '[{"op":"add","path":"/endpoints/-","value":{"addresses":["10.244.3.9"]}}]'

# step: affinity
kubectl patch service db -p '{"spec":{"sessionAffinity":"ClientIP"}}'

# step: nodeport
kubectl create service nodeport web --tcp 80:8080 --node-port 30080
kubectl patch service web -p '{"spec":{"externalTrafficPolicy":"Local"}}'
