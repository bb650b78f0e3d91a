/**
 * Policies AWS applies when a resource is given none, so that an absent policy and the same policy
 * written out are read alike. Today one: the full-access policy of a VPC endpoint.
 */
import { isObject, type JsonObject } from '../input/terraform-json';
import { isPublicPrincipal, type Statement } from '../iam/policy';

/** What AWS attaches to a VPC endpoint created without a policy, and what refresh then reads back. */
export const DEFAULT_VPC_ENDPOINT_POLICY = JSON.stringify({
  Statement: [{ Action: '*', Effect: 'Allow', Principal: '*', Resource: '*' }],
  Version: '2008-10-17',
});

const VPC_ENDPOINT = 'aws_vpc_endpoint';

/**
 * `values` with the policy AWS applies in place of a missing one. `values` may be null for a
 * resource about to be created: it starts out with the default as much as an existing one does.
 */
export function withImplicitPolicies(type: string, values: unknown): unknown {
  if (type !== VPC_ENDPOINT) return values;
  const current: JsonObject = isObject(values) ? values : {};
  const policy = current.policy;
  return policy === undefined || policy === null || policy === '' ? { ...current, policy: DEFAULT_VPC_ENDPOINT_POLICY } : values;
}

/** Whether the statements are exactly the default endpoint policy: Allow every action on every resource to anyone, no condition. */
export function isDefaultEndpointPolicy(statements: readonly Statement[]): boolean {
  return (
    statements.length === 1 &&
    statements.every(
      (statement) =>
        statement.effect === 'Allow' &&
        statement.actions.length === 1 &&
        statement.actions[0] === '*' &&
        statement.resources.length === 1 &&
        statement.resources[0] === '*' &&
        statement.principals.length === 1 &&
        isPublicPrincipal(statement.principals[0]) &&
        statement.notActions.length === 0 &&
        statement.notResources.length === 0 &&
        statement.notPrincipals.length === 0 &&
        statement.conditionEntries.length === 0,
    )
  );
}
