# Two application Services with addresses from the first range, 10.96.0.0/12.
kubectl create service clusterip app --tcp 80
kubectl create service clusterip shop --tcp 8080
