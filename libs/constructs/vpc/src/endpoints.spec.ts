import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { reference, resourcesOf, synthVpc } from './spec-helpers';

describe('Vpc endpoints', () => {
  it('attaches an S3 gateway endpoint to the public and every private route table', () => {
    const synthesized = synthVpc();

    expect(synthesized).toHaveResourceWithProperties(VpcEndpoint, {
      vpc_id: reference(synthesized, 'aws_vpc', 'Vpc'),
      service_name: 'com.amazonaws.eu-west-1.s3',
      vpc_endpoint_type: 'Gateway',
      route_table_ids: ['PublicRouteTable', 'PrivateRouteTableA', 'PrivateRouteTableB', 'PrivateRouteTableC'].map((id) =>
        reference(synthesized, 'aws_route_table', id),
      ),
    });
  });

  it('creates no interface endpoint and no endpoint security group by default', () => {
    const synthesized = synthVpc();

    const endpoints = Object.values(resourcesOf(synthesized, 'aws_vpc_endpoint'));
    expect(endpoints.map((endpoint) => endpoint.vpc_endpoint_type)).toEqual(['Gateway']);
    expect(Object.values(resourcesOf(synthesized, 'aws_security_group')).map((group) => group.name)).toEqual(['llm-platform-prod-eu-west-1-lambda']);
    expect(resourcesOf(synthesized, 'aws_vpc_security_group_ingress_rule')).toEqual({});
  });

  it('creates ecr.api and ecr.dkr for ecr, each in every private subnet with private DNS', () => {
    const synthesized = synthVpc({ interfaceEndpoints: ['ecr'] });

    const interfaces = Object.values(resourcesOf(synthesized, 'aws_vpc_endpoint')).filter((e) => e.vpc_endpoint_type === 'Interface');
    expect(interfaces.map((endpoint) => endpoint.service_name).sort()).toEqual(['com.amazonaws.eu-west-1.ecr.api', 'com.amazonaws.eu-west-1.ecr.dkr']);
    for (const endpoint of interfaces) {
      expect(endpoint).toMatchObject({
        vpc_id: reference(synthesized, 'aws_vpc', 'Vpc'),
        private_dns_enabled: true,
        subnet_ids: ['A', 'B', 'C'].map((letter) => reference(synthesized, 'aws_subnet', `PrivateSubnet${letter}`)),
        security_group_ids: [reference(synthesized, 'aws_security_group', 'EndpointSecurityGroup')],
      });
    }
  });

  it('creates one endpoint per service for all three names, whatever their order or repetition', () => {
    const synthesized = synthVpc({ interfaceEndpoints: ['logs', 'ecr', 'secretsmanager', 'logs'] });

    const services = Object.values(resourcesOf(synthesized, 'aws_vpc_endpoint'))
      .filter((endpoint) => endpoint.vpc_endpoint_type === 'Interface')
      .map((endpoint) => endpoint.service_name);
    expect(services.sort()).toEqual([
      'com.amazonaws.eu-west-1.ecr.api',
      'com.amazonaws.eu-west-1.ecr.dkr',
      'com.amazonaws.eu-west-1.logs',
      'com.amazonaws.eu-west-1.secretsmanager',
    ]);
  });

  it('lets only HTTPS from the VPC CIDR reach the interface endpoints', () => {
    const synthesized = synthVpc({ interfaceEndpoints: ['secretsmanager'] });

    const ingress = Object.values(resourcesOf(synthesized, 'aws_vpc_security_group_ingress_rule'));
    expect(ingress).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: reference(synthesized, 'aws_security_group', 'EndpointSecurityGroup'),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '10.30.0.0/16',
    });
    const endpointGroup = reference(synthesized, 'aws_security_group', 'EndpointSecurityGroup');
    const egress = Object.values(resourcesOf(synthesized, 'aws_vpc_security_group_egress_rule'));
    expect(egress.filter((rule) => rule.security_group_id === endpointGroup)).toEqual([]);
  });
});
