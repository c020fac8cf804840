# Solution of "Dual-stack Services": lessons:check plays it step by step.

# step: single
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ipFamilyPolicy: PreferDualStack
  selector:
    app: web
  ports:
  - port: 80
EOF

# step: cluster
sed -i 's#--service-cluster-ip-range=10.96.0.0/12#--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/108#' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 20

# step: upgrade
kubectl patch service web -p '{"spec":{"ipFamilies":["IPv4","IPv6"]}}'
cat <<'EOF' | kubectl apply -f -
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  ipFamilyPolicy: RequireDualStack
  ipFamilies: [IPv6, IPv4]
  ports:
  - port: 443
EOF

# step: downgrade
kubectl patch service web -p '{"spec":{"ipFamilyPolicy":"SingleStack"}}'
