export { ExecutionRole, type ExecutionRoleProps, type KmsOption } from './execution-role';
export { GLOBAL_SERVICE_ACTIONS, IAM_WRITE_ACTIONS, PermissionBoundary, permissionBoundaryDocument, type PermissionBoundaryProps } from './permission-boundary';
export {
  asList,
  isActionWildcard,
  leastPrivilegeViolation,
  policyDocument,
  type ConditionBlock,
  type PolicyDocument,
  type PolicyStatement,
} from './policy-document';
export { UNSCOPED_ACTIONS } from './unscoped-actions';
export { AccessAnalyzer, type AccessAnalyzerProps } from './access-analyzer';
export { DEPLOY_IAM_ACTIONS, DEPLOY_OIDC_ACTIONS, GithubCiRoles, type GithubCiRolesProps } from './ci-roles';
export { GITHUB_OIDC_HOST, GithubOidcProvider, githubOidcProviderArn } from './github-oidc';
export { auditStackPolicies, POLICY_ATTRIBUTES, POLICY_EXEMPTIONS, type PolicyViolation } from './policy-audit';
