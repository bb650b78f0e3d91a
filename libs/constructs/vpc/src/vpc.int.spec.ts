import { describeWithTerraform, planOffline } from '@llm/terraform/testing';
import type { PlanResourceChange } from '@llm/terraform';
import { Vpc } from './index';
import { TYPICAL_PROPS } from './spec-helpers';

/** Planned creations per resource type. */
function createdByType(changes: readonly PlanResourceChange[] = []): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of changes) {
    if (change.change.actions.includes('create')) counts[change.type] = (counts[change.type] ?? 0) + 1;
  }
  return counts;
}

describeWithTerraform('Vpc (terraform plan)', () => {
  it('plans a three-zone VPC with a NAT gateway per zone and every interface endpoint', async () => {
    const result = await planOffline(
      (stack) => new Vpc(stack, 'Vpc', { ...TYPICAL_PROPS, nat: 'per-az', interfaceEndpoints: ['secretsmanager', 'logs', 'ecr'] }),
    );

    expect(result).toMatchObject({ ok: true, add: 42, change: 0, destroy: 0 });
    expect(result.ok && createdByType(result.plan.resource_changes)).toEqual({
      aws_vpc: 1,
      aws_internet_gateway: 1,
      aws_subnet: 6,
      aws_route_table: 4,
      aws_route_table_association: 6,
      aws_route: 4,
      aws_eip: 3,
      aws_nat_gateway: 3,
      aws_cloudwatch_log_group: 1,
      aws_iam_role: 1,
      aws_iam_role_policy: 1,
      aws_flow_log: 1,
      aws_default_security_group: 1,
      aws_security_group: 2,
      aws_vpc_security_group_ingress_rule: 1,
      aws_vpc_security_group_egress_rule: 1,
      aws_vpc_endpoint: 5,
    });
  });

  it('plans a VPC without NAT: no gateway, no Elastic IP, no private default route', async () => {
    const result = await planOffline((stack) => new Vpc(stack, 'Vpc', { ...TYPICAL_PROPS, availabilityZones: ['eu-west-1a', 'eu-west-1b'], nat: 'none' }));

    expect(result).toMatchObject({ ok: true, add: 22, change: 0, destroy: 0 });
    const created = result.ok ? createdByType(result.plan.resource_changes) : {};
    expect(created).toMatchObject({ aws_subnet: 4, aws_route: 1, aws_vpc_endpoint: 1 });
    expect(created.aws_nat_gateway).toBeUndefined();
    expect(created.aws_eip).toBeUndefined();
  });
});
