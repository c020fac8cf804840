# Solution of "Where Pod addresses come from": lessons:check plays it step by step.

# step: pods
kubectl create deployment web --image=nginx --replicas=4
sleep 15

# step: routes
kubectl expose deployment web --port 80

# step: scale
kubectl scale deployment web --replicas=6
sleep 10
