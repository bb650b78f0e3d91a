/** Every IAM role carries the environment's permission boundary, which caps what any of its policies can grant. */
import { COMPLIANT, defineRule, nonCompliant } from '../rule';
import { stringOf } from '../stack-view';

export const iamRolePermissionBoundary = defineRule(__filename, ['aws_iam_role'], (role) => {
  if (stringOf(role.config.permissions_boundary)) return COMPLIANT;
  return nonCompliant(
    'has no permission boundary: permissions_boundary is not set',
    "set permissions_boundary to the environment's boundary ARN (Naming.permissionBoundaryArn from @llm/naming); ExecutionRole and GithubCiRoles (@llm/constructs/iam) require it",
  );
});
