/**
 * Policy documents grant no action wildcard and use Resource "*" only for actions AWS cannot scope.
 * The judgement is the IAM lib's own audit (leastPrivilegeViolation, UNSCOPED_ACTIONS and
 * POLICY_EXEMPTIONS, through auditStackPolicies), applied to this one resource, so there is one
 * list of exceptions in the project.
 */
import { auditStackPolicies, POLICY_ATTRIBUTES } from '@llm/constructs/iam';
import { COMPLIANT, defineRule, nonCompliant } from '../rule';

export const iamLeastPrivilege = defineRule(__filename, Object.keys(POLICY_ATTRIBUTES), (resource) => {
  // Only what the audit reads (the policy attributes, and the name for the boundary's exemption).
  const attributes = Object.fromEntries(['name', ...POLICY_ATTRIBUTES[resource.type]].map((attribute) => [attribute, resource.config[attribute]]));
  const violations = auditStackPolicies({ resource: { [resource.type]: { [resource.name]: attributes } } });
  if (violations.length === 0) return COMPLIANT;
  return nonCompliant(
    violations.map((violation) => `${violation.attribute} statement ${violation.statement} ${violation.problem}`).join('; '),
    'name the actions the workload calls and the resources it calls them on (the grant methods of ExecutionRole in @llm/constructs/iam do); an action AWS cannot scope belongs in UNSCOPED_ACTIONS, a document whose semantics differ in POLICY_EXEMPTIONS, each with its reason',
  );
});
