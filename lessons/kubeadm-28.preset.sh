# A cluster that kubeadm built with a Service range of only 16 addresses (10.96.0.0/28), the starting
# point of the kubernetes.io task "Extend Service IP Ranges".
# base: none
kubeadm init --service-cidr=10.96.0.0/28 --pod-network-cidr=10.244.0.0/16
