import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Vpc } from '@llm/constructs/vpc';
import { ACCOUNT_ID, BOUNDARY_ARN, checkStack, findingsOf, problemsOf, REGION } from '../spec-helpers';

describe('security-group-open-ingress', () => {
  it("passes the Vpc construct's groups: HTTPS from the VPC only, egress to anywhere", () => {
    const report = checkStack((stack) => {
      new Vpc(stack, 'Vpc', {
        cidr: '10.30.0.0/16',
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        nat: 'none',
        interfaceEndpoints: ['secretsmanager'],
        namePrefix: 'llm-platform-dev-eu-west-1',
        accountId: ACCOUNT_ID,
        region: REGION,
        permissionBoundaryArn: BOUNDARY_ARN,
      });
    });

    expect(findingsOf(report, 'security-group-open-ingress')).toEqual([]);
  });

  it('fails ingress from anywhere in every form a security group takes it', () => {
    const report = checkStack((stack) => {
      const group = new SecurityGroup(stack, 'Inline', {
        name: 'inline',
        ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], ipv6CidrBlocks: ['::/0'] }],
      });
      new VpcSecurityGroupIngressRule(stack, 'Rule', { securityGroupId: group.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIpv6: '::/0' });
      new SecurityGroupRule(stack, 'Legacy', { securityGroupId: group.id, type: 'ingress', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] });
      new SecurityGroupRule(stack, 'Egress', { securityGroupId: group.id, type: 'egress', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] });
    });

    expect(problemsOf(report, 'security-group-open-ingress')).toEqual([
      'stack/Inline: admits ingress from anywhere (0.0.0.0/0, ::/0)',
      'stack/Legacy: admits ingress from anywhere (0.0.0.0/0)',
      'stack/Rule: admits ingress from anywhere (::/0)',
    ]);
    expect(findingsOf(report, 'security-group-open-ingress')[0].fix).toContain('restrict the source to the networks that must connect');
  });
});
