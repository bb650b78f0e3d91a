/** No security group admits traffic from anywhere (0.0.0.0/0 or ::/0); ingress names the networks it trusts. */
import { COMPLIANT, defineRule, NOT_APPLICABLE, nonCompliant } from '../rule';
import { blocksOf, listOf } from '../stack-view';

export const ANYWHERE = ['0.0.0.0/0', '::/0'];

export const securityGroupOpenIngress = defineRule(
  __filename,
  ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  (resource) => {
    let sources: unknown[];
    if (resource.type === 'aws_vpc_security_group_ingress_rule') {
      sources = [resource.config.cidr_ipv4, resource.config.cidr_ipv6];
    } else if (resource.type === 'aws_security_group_rule') {
      if (resource.config.type !== 'ingress') return NOT_APPLICABLE;
      sources = [...listOf(resource.config.cidr_blocks), ...listOf(resource.config.ipv6_cidr_blocks)];
    } else {
      sources = blocksOf(resource.config.ingress).flatMap((rule) => [...listOf(rule.cidr_blocks), ...listOf(rule.ipv6_cidr_blocks)]);
    }
    const open = [...new Set(sources.filter((source): source is string => typeof source === 'string' && ANYWHERE.includes(source)))];
    if (open.length === 0) return COMPLIANT;
    return nonCompliant(
      `admits ingress from anywhere (${open.join(', ')})`,
      'restrict the source to the networks that must connect (the VPC CIDR, a security group, a prefix list); put public endpoints behind API Gateway or a load balancer instead',
    );
  },
);
