# Solution of "Guard rails": lessons:check plays it step by step.

# step: policy
cat <<'EOF' | kubectl apply -f -
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: servicecidrs.reserved
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups: ["networking.k8s.io"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["servicecidrs"]
  matchConditions:
  - name: not-the-default-range
    expression: "object.metadata.name != 'kubernetes'"
  variables:
  - name: allowed
    expression: "['10.200.0.0/16', 'fd00:200::/64']"
  validations:
  - expression: "object.spec.cidrs.all(c, variables.allowed.exists(a, cidr(a).containsCIDR(c)))"
    message: "a ServiceCIDR must lie inside 10.200.0.0/16 or fd00:200::/64"
EOF

# step: binding
cat <<'EOF' | kubectl apply -f -
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: servicecidrs.reserved
spec:
  policyName: servicecidrs.reserved
  validationActions: [Deny]
EOF

# step: enforce
cat <<'EOF' | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: ServiceCIDR
metadata:
  name: extra
spec:
  cidrs:
  - 10.200.8.0/24
EOF
