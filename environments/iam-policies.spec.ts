/**
 * Every IAM policy document of every synthesized stack, in every environment and mode, grants
 * no action wildcard and uses Resource "*" only where AWS offers no scoping.
 */
import { auditStackPolicies } from '@llm/constructs/iam';
import { Naming } from '@llm/naming';
import { addEnvironmentStacks, type DeploymentMode } from '@llm/stacks';
import { type SynthBlock } from '@llm/terraform/testing';
import { Testing } from 'cdktf';
import { environmentsUnderTest } from './testing';

describe('IAM policies of every stack', () => {
  it.each<DeploymentMode>(['offline', 'real'])('have no action wildcard and no unlisted Resource "*" (%s mode)', (mode) => {
    const app = Testing.app();
    const stacks = environmentsUnderTest().flatMap((env) => addEnvironmentStacks(app, env, mode));
    const audited = stacks.map((stack) => ({ stack: stack.node.id, json: JSON.parse(Testing.synth(stack)) }));
    const violations = audited.flatMap(({ stack, json }) => auditStackPolicies(json).map((violation) => ({ stack, ...violation })));
    expect(violations).toEqual([]);
    // Not vacuous: the documents audited include the execution and CI roles' inline policies.
    const inlinePolicies = audited.reduce((sum, { json }) => sum + Object.keys(json.resource?.aws_iam_role_policy ?? {}).length, 0);
    expect(inlinePolicies).toBeGreaterThanOrEqual(audited.length / 2);
  });

  it('put the environment permission boundary on every role', () => {
    const app = Testing.app();
    const roles = environmentsUnderTest().flatMap((env) => {
      const boundary = new Naming(env).permissionBoundaryArn;
      return addEnvironmentStacks(app, env, 'offline').flatMap((stack) =>
        (Object.values(JSON.parse(Testing.synth(stack)).resource?.aws_iam_role ?? {}) as SynthBlock[]).map((role) => ({
          role: role.name as string,
          boundaryMatches: role.permissions_boundary === boundary,
        })),
      );
    });
    expect(roles.filter((role) => !role.boundaryMatches)).toEqual([]);
    expect(roles.length).toBeGreaterThanOrEqual(4);
  });
});
