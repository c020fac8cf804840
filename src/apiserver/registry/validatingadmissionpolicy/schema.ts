/**
 * ValidatingAdmissionPolicy's schema for decoding and `kubectl explain` (k8s.io/api/admissionregistration
 * /v1 types.go field docs, first sentences), with the match types its binding reuses.
 */
import { CONDITION, int64, kindSchema, list, obj, str, strList, strMap, type Schema } from "../../machinery/schema.ts";

export const LABEL_SELECTOR: (description: string) => Schema = (description) =>
  obj("v1.LabelSelector", description, {
    matchExpressions: list(
      "[]v1.LabelSelectorRequirement",
      "matchExpressions is a list of label selector requirements. The requirements are ANDed.",
      obj("v1.LabelSelectorRequirement", "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.", {
        key: str("key is the label key that the selector applies to."),
        operator: str("operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."),
        values: strList("values is an array of string values. If the operator is In or NotIn, the values array must be non-empty. If the operator is Exists or DoesNotExist, the values array must be empty. This array is replaced during a strategic merge patch."),
      }, ["key", "operator"]),
    ),
    matchLabels: strMap("matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is \"key\", the operator is \"In\", and the values array contains only \"value\". The requirements are ANDed."),
  });

const NAMED_RULE = obj("v1.NamedRuleWithOperations", "NamedRuleWithOperations is a tuple of Operations and Resources with ResourceNames.", {
  apiGroups: strList("APIGroups is the API groups the resources belong to. '*' is all groups. If '*' is present, the length of the slice must be one. Required."),
  apiVersions: strList("APIVersions is the API versions the resources belong to. '*' is all versions. If '*' is present, the length of the slice must be one. Required."),
  operations: list("[]v1.OperationType", "Operations is the operations the admission hook cares about - CREATE, UPDATE, DELETE, CONNECT or * for all of those operations and any future admission operations that are added. If '*' is present, the length of the slice must be one. Required.", str("", "v1.OperationType", ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"])),
  resourceNames: strList("ResourceNames is an optional white list of names that the rule applies to.  An empty set means that everything is allowed."),
  resources: strList("Resources is a list of resources this rule applies to."),
  scope: str("scope specifies the scope of this rule. Valid values are \"Cluster\", \"Namespaced\", and \"*\" \"Cluster\" means that only cluster-scoped resources will match this rule. Namespace API objects are cluster-scoped. \"Namespaced\" means that only namespaced resources will match this rule. \"*\" means that there are no scope restrictions. Subresources match the scope of their parent resource. Default is \"*\".", "v1.ScopeType"),
});

export const MATCH_RESOURCES: (description: string) => Schema = (description) =>
  obj("v1.MatchResources", description, {
    excludeResourceRules: list("[]v1.NamedRuleWithOperations", "ExcludeResourceRules describes what operations on what resources/subresources the ValidatingAdmissionPolicy should not care about. The exclude rules take precedence over include rules (if a resource matches both, it is excluded)", NAMED_RULE),
    matchPolicy: str("matchPolicy defines how the \"MatchResources\" list is used to match incoming requests. Allowed values are \"Exact\" or \"Equivalent\".", "v1.MatchPolicyType", ["Equivalent", "Exact"]),
    namespaceSelector: LABEL_SELECTOR("NamespaceSelector decides whether to run the admission control policy on an object based on whether the namespace for that object matches the selector. If the object itself is a namespace, the matching is performed on object.metadata.labels. If the object is another cluster scoped resource, it never skips the policy."),
    objectSelector: LABEL_SELECTOR("ObjectSelector decides whether to run the validation based on if the object has matching labels. objectSelector is evaluated against both the oldObject and newObject that would be sent to the cel validation, and is considered to match if either object matches the selector."),
    resourceRules: list("[]v1.NamedRuleWithOperations", "ResourceRules describes what operations on what resources/subresources the ValidatingAdmissionPolicy matches. The policy cares about an operation if it matches _any_ Rule.", NAMED_RULE),
  });

export const VALIDATING_ADMISSION_POLICY_SCHEMA: Schema = kindSchema("v1.ValidatingAdmissionPolicy", "ValidatingAdmissionPolicy describes the definition of an admission validation policy that accepts or rejects an object without changing it.", {
  spec: obj("v1.ValidatingAdmissionPolicySpec", "Specification of the desired behavior of the ValidatingAdmissionPolicy.", {
    auditAnnotations: list("[]v1.AuditAnnotation", "auditAnnotations contains CEL expressions which are used to produce audit annotations for the audit event of the API request. validations and auditAnnotations may not both be empty; a least one of validations or auditAnnotations is required.", obj("v1.AuditAnnotation", "AuditAnnotation describes how to produce an audit annotation for an API request.", {
      key: str("key specifies the audit annotation key. The audit annotation keys of a ValidatingAdmissionPolicy must be unique. The key must be a qualified name ([A-Za-z0-9][-A-Za-z0-9_.]*) no more than 63 bytes in length."),
      valueExpression: str("valueExpression represents the expression which is evaluated by CEL to produce an audit annotation value. The expression must evaluate to either a string or null value."),
    }, ["key", "valueExpression"])),
    failurePolicy: str("failurePolicy defines how to handle failures for the admission policy. Failures can occur from CEL expression parse errors, type check errors, runtime errors and invalid or mis-configured policy definitions or bindings.", "v1.FailurePolicyType", ["Fail", "Ignore"]),
    matchConditions: list("[]v1.MatchCondition", "MatchConditions is a list of conditions that must be met for a request to be validated. Match conditions filter requests that have already been matched by the rules, namespaceSelector, and objectSelector. An empty list of matchConditions matches all requests. There are a maximum of 64 match conditions allowed.", obj("v1.MatchCondition", "MatchCondition represents a condition which must by fulfilled for a request to be sent to a webhook.", {
      expression: str("Expression represents the expression which will be evaluated by CEL. Must evaluate to bool."),
      name: str("Name is an identifier for this match condition, used for strategic merging of MatchConditions, as well as providing an identifier for logging purposes."),
    }, ["name", "expression"])),
    matchConstraints: MATCH_RESOURCES("MatchConstraints specifies what resources this policy is designed to validate. The AdmissionPolicy cares about a request if it matches _all_ Constraints. Required."),
    paramKind: obj("v1.ParamKind", "ParamKind specifies the kind of resources used to parameterize this policy. If absent, there are no parameters for this policy and the param CEL variable will not be provided to validation expressions.", {
      apiVersion: str("APIVersion is the API group version the resources belong to. In format of \"group/version\". Required."),
      kind: str("Kind is the API kind the resources belong to. Required."),
    }),
    validations: list("[]v1.Validation", "Validations contain CEL expressions which is used to apply the validation. Validations and AuditAnnotations may not both be empty; a minimum of one Validations or AuditAnnotations is required.", obj("v1.Validation", "Validation specifies the CEL expression which is used to apply the validation.", {
      expression: str("Expression represents the expression which will be evaluated by CEL."),
      message: str("Message represents the message displayed when validation fails. The message is required if the Expression contains line breaks. The message must not contain line breaks."),
      messageExpression: str("messageExpression declares a CEL expression that evaluates to the validation failure message that is returned when this rule fails. Since messageExpression is used as a failure message, it must evaluate to a string."),
      reason: str("Reason represents a machine-readable description of why this validation failed. If this is the first validation in the list to fail, this reason, as well as the corresponding HTTP response code, are used in the HTTP response to the client.", "v1.StatusReason"),
    }, ["expression"])),
    variables: list("[]v1.Variable", "Variables contain definitions of variables that can be used in composition of other expressions. Each variable is defined as a named CEL expression. The variables defined here will be available under `variables` in other expressions of the policy except MatchConditions because MatchConditions are evaluated before the rest of the policy.", obj("v1.Variable", "Variable is the definition of a variable that is used for composition.", {
      expression: str("Expression is the expression that will be evaluated as the value of the variable. The CEL expression has access to the same identifiers as the CEL expressions in Validation."),
      name: str("Name is the name of the variable. The name must be a valid CEL identifier and unique among all variables. The variable can be accessed in other expressions through `variables` For example, if name is \"foo\", the variable will be available as `variables.foo`"),
    }, ["name", "expression"])),
  }),
  status: obj("v1.ValidatingAdmissionPolicyStatus", "The status of the ValidatingAdmissionPolicy, including warnings that are useful to determine if the policy behaves in the expected way. Populated by the system. Read-only.", {
    conditions: list("[]v1.Condition", "The conditions represent the latest available observations of a policy's current state.", CONDITION),
    observedGeneration: int64("The generation observed by the controller."),
    typeChecking: obj("v1.TypeChecking", "The results of type checking for each expression. Presence of this field indicates the completion of the type checking.", {
      expressionWarnings: list("[]v1.ExpressionWarning", "The type checking warnings for each expression.", obj("v1.ExpressionWarning", "ExpressionWarning is a warning information that targets a specific expression.", {
        fieldRef: str("The path to the field that refers the expression. For example, the reference to the expression of the first item of validations is \"spec.validations[0].expression\""),
        warning: str("The content of type checking information in a human-readable form. Each line of the warning contains the type that the expression is checked against, followed by the type check error from the compiler."),
      }, ["fieldRef", "warning"])),
    }),
  }),
});
