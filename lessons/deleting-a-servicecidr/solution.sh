# Solution of "Deleting a ServiceCIDR": lessons:check plays it step by step.

# step: delete
kubectl delete servicecidr newcidr1 --wait=false

# step: frozen
kubectl delete service test-13 test-14 test-15

# step: release
kubectl delete service test-16
sleep 10

# step: covered
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: newcidr2
spec:
  cidrs:
  - 10.96.0.0/24
EOF
kubectl create service clusterip blue --tcp 80
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: wide
spec:
  cidrs:
  - 10.96.0.0/20
EOF
kubectl delete servicecidr newcidr2 --wait=false
sleep 10
