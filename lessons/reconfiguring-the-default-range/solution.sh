# Solution of "Moving the default Service range": lessons:check plays it step by step.

# step: new-range
cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: new-range
spec:
  cidrs:
  - 172.30.0.0/16
EOF

# step: freeze
kubectl delete servicecidr kubernetes --wait=false

# step: renumber
kubectl delete service app shop
kubectl create service clusterip app --tcp 80
kubectl create service clusterip shop --tcp 8080
kubectl -n kube-system get service kube-dns -o yaml > kube-dns.yaml
sed -i -e 's/10\.96\.0\.10/172.30.0.10/' -e '/resourceVersion:/d' -e '/uid:/d' -e '/creationTimestamp:/d' kube-dns.yaml
kubectl -n kube-system delete service kube-dns
kubectl apply -f kube-dns.yaml

# step: restart
sed -i 's#--service-cluster-ip-range=10.96.0.0/12#--service-cluster-ip-range=172.30.0.0/16#' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 20
kubectl delete service kubernetes
sleep 15

# step: settle
kubectl delete servicecidr new-range
