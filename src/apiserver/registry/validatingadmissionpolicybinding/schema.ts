/** ValidatingAdmissionPolicyBinding's schema for decoding and `kubectl explain` (k8s.io/api/admissionregistration/v1). */
import { kindSchema, list, obj, str, type Schema } from "../../machinery/schema.ts";
import { LABEL_SELECTOR, MATCH_RESOURCES } from "../validatingadmissionpolicy/schema.ts";

export const VALIDATING_ADMISSION_POLICY_BINDING_SCHEMA: Schema = kindSchema("v1.ValidatingAdmissionPolicyBinding", "ValidatingAdmissionPolicyBinding binds the ValidatingAdmissionPolicy with paramerized resources. ValidatingAdmissionPolicyBinding and parameter CRDs together define how cluster administrators configure policies for clusters.", {
  spec: obj("v1.ValidatingAdmissionPolicyBindingSpec", "Specification of the desired behavior of the ValidatingAdmissionPolicyBinding.", {
    matchResources: MATCH_RESOURCES("MatchResources declares what resources match this binding and will be validated by it. Note that this is intersected with the policy's matchConstraints, so only requests that are matched by the policy can be selected by this. If this is unset, all resources matched by the policy are validated by this binding"),
    paramRef: obj("v1.ParamRef", "paramRef specifies the parameter resource used to configure the admission control policy. It should point to a resource of the type specified in ParamKind of the bound ValidatingAdmissionPolicy.", {
      name: str("name is the name of the resource being referenced."),
      namespace: str("namespace is the namespace of the referenced resource. Allows limiting the search for params to a specific namespace. Applies to both `name` and `selector` fields."),
      parameterNotFoundAction: str("`parameterNotFoundAction` controls the behavior of the binding when the resource exists, and name or selector is valid, but there are no parameters matched by the binding. If the value is set to `Allow`, then no matched parameters will be treated as successful validation by the binding. If set to `Deny`, then no matched parameters will be subject to the `failurePolicy` of the policy.", "v1.ParameterNotFoundActionType", ["Allow", "Deny"]),
      selector: LABEL_SELECTOR("selector can be used to match multiple param objects based on their labels. Supply selector: {} to match all resources of the ParamKind."),
    }),
    policyName: str("PolicyName references a ValidatingAdmissionPolicy name which the ValidatingAdmissionPolicyBinding binds to. If the referenced resource does not exist, this binding is considered invalid and will be ignored Required."),
    validationActions: list("[]v1.ValidationAction", "validationActions declares how Validations of the referenced ValidatingAdmissionPolicy are enforced. If a validation evaluates to false it is always enforced according to these actions.", str("", "v1.ValidationAction", ["Audit", "Deny", "Warn"])),
  }),
});
