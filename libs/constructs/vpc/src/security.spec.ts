import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { outputsOf, reference, referenceTo, resourcesOf, synthVpc } from './spec-helpers';

describe('Vpc security groups', () => {
  it('strips every ingress and egress rule from the default security group', () => {
    const synthesized = synthVpc();

    const [group] = Object.values(resourcesOf(synthesized, 'aws_default_security_group'));
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([]);
    expect(synthesized).toHaveResourceWithProperties(DefaultSecurityGroup, { vpc_id: reference(synthesized, 'aws_vpc', 'Vpc') });
  });

  it('gives the Lambda security group HTTPS egress to anywhere and no ingress', () => {
    const synthesized = synthVpc({ interfaceEndpoints: ['logs'] });
    const lambdaGroup = reference(synthesized, 'aws_security_group', 'LambdaSecurityGroup');

    const egress = Object.values(resourcesOf(synthesized, 'aws_vpc_security_group_egress_rule'));
    expect(egress).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: lambdaGroup,
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
    });
    const ingress = Object.values(resourcesOf(synthesized, 'aws_vpc_security_group_ingress_rule'));
    expect(ingress.filter((rule) => rule.security_group_id === lambdaGroup)).toEqual([]);
    const [group] = Object.values(resourcesOf(synthesized, 'aws_security_group')).filter((g) => g.name.endsWith('-lambda'));
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  it('exposes the Lambda security group id', () => {
    const outputs = outputsOf({}, (vpc) => ({ lambda_security_group_id: vpc.lambdaSecurityGroupId }));
    expect(outputs).toEqual({ lambda_security_group_id: referenceTo('aws_security_group', 'LambdaSecurityGroup') });
  });
});
