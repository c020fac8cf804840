# Solution of "Pod CIDRs and kubenet": lessons:check plays it step by step.

# step: plan
az group create --name lab-rg --location koreacentral -o none
az network vnet create -g lab-rg -n lab-vnet --address-prefixes 10.10.0.0/16 --subnet-name nodes --subnet-prefixes 10.10.1.0/24 -o none
az aks create -g lab-rg -n lab-aks --network-plugin kubenet --node-count 3 --vnet-subnet-id $(az network vnet subnet show -g lab-rg --vnet-name lab-vnet -n nodes --query id -o tsv) --pod-cidr 10.244.0.0/16 --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 --generate-ssh-keys -o none
az aks get-credentials -g lab-rg -n lab-aks

# step: nodes
az aks scale -g lab-rg -n lab-aks --node-count 4 -o none

# step: capacity
kubectl create service clusterip web --tcp 80
