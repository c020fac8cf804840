# Where "When the range runs out" left off: the /28 full, newcidr1 (10.96.0.0/24) added, and four
# Services test-13 … test-16 with addresses from newcidr1 only.
for i in $(seq 1 12); do kubectl create service clusterip "test-$i" --tcp 80; done
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: newcidr1
spec:
  cidrs:
  - 10.96.0.0/24
EOF
for i in $(seq 13 16); do kubectl create service clusterip "test-$i" --tcp 80; done
