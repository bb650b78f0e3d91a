import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc as AwsVpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformVariable } from 'cdktf';
import { subnetCidrs } from './index';
import { outputsOf, reference, referenceTo, resourcesOf, synthVpc } from './spec-helpers';

describe('Vpc subnets', () => {
  it('creates the VPC with DNS support and hostnames, which private endpoint DNS needs', () => {
    expect(synthVpc()).toHaveResourceWithProperties(AwsVpc, {
      cidr_block: '10.30.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'llm-platform-prod-eu-west-1-vpc' },
    });
  });

  it('creates one public and one private subnet per zone, each 1/16 of the VPC', () => {
    const synthesized = synthVpc();

    const subnets = Object.values(resourcesOf(synthesized, 'aws_subnet')).map((subnet) => [
      subnet.tags.Name,
      `${subnet.availability_zone} ${subnet.cidr_block}`,
    ]);

    expect(Object.fromEntries(subnets)).toEqual({
      'llm-platform-prod-eu-west-1-public-a': 'eu-west-1a 10.30.0.0/20',
      'llm-platform-prod-eu-west-1-public-b': 'eu-west-1b 10.30.16.0/20',
      'llm-platform-prod-eu-west-1-public-c': 'eu-west-1c 10.30.32.0/20',
      'llm-platform-prod-eu-west-1-private-a': 'eu-west-1a 10.30.128.0/20',
      'llm-platform-prod-eu-west-1-private-b': 'eu-west-1b 10.30.144.0/20',
      'llm-platform-prod-eu-west-1-private-c': 'eu-west-1c 10.30.160.0/20',
    });
    expect(subnets).toHaveLength(6);
  });

  it("places a zone's subnets by its letter, so other zones' changes never move them", () => {
    const alone = subnetCidrs('10.30.0.0/16', ['eu-west-1b']);
    const reordered = subnetCidrs('10.30.0.0/16', ['eu-west-1c', 'eu-west-1b', 'eu-west-1a']);

    expect(alone).toEqual([{ zone: 'eu-west-1b', letter: 'b', publicCidr: '10.30.16.0/20', privateCidr: '10.30.144.0/20' }]);
    expect(reordered[1]).toEqual(alone[0]);
  });

  it('carves /28 subnets, the smallest AWS allows, from a /24 VPC, up to zone h', () => {
    expect(subnetCidrs('10.0.1.0/24', ['eu-west-1a', 'eu-west-1h'])).toEqual([
      { zone: 'eu-west-1a', letter: 'a', publicCidr: '10.0.1.0/28', privateCidr: '10.0.1.128/28' },
      { zone: 'eu-west-1h', letter: 'h', publicCidr: '10.0.1.112/28', privateCidr: '10.0.1.240/28' },
    ]);
  });

  it('lets Terraform compute the subnets with cidrsubnet when the VPC CIDR is a token', () => {
    const synthesized = synthVpc((scope) => ({
      cidr: new TerraformVariable(scope, 'cidr', { type: 'string' }).stringValue,
      availabilityZones: ['eu-west-1b'],
    }));

    const cidrs = Object.values(resourcesOf(synthesized, 'aws_subnet')).map((subnet) => subnet.cidr_block);

    expect(cidrs.sort()).toEqual(['${cidrsubnet(var.cidr, 4, 1)}', '${cidrsubnet(var.cidr, 4, 9)}']);
  });

  it('routes the public subnets to the internet gateway and gives nothing a public IP on launch', () => {
    const synthesized = synthVpc();

    expect(synthesized).toHaveResource(InternetGateway);
    expect(synthesized).toHaveResourceWithProperties(Route, {
      route_table_id: reference(synthesized, 'aws_route_table', 'PublicRouteTable'),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: reference(synthesized, 'aws_internet_gateway', 'InternetGateway'),
    });
    const associations = Object.values(resourcesOf(synthesized, 'aws_route_table_association'));
    for (const letter of ['A', 'B', 'C']) {
      expect(associations).toContainEqual({
        subnet_id: reference(synthesized, 'aws_subnet', `PublicSubnet${letter}`),
        route_table_id: reference(synthesized, 'aws_route_table', 'PublicRouteTable'),
      });
      expect(associations).toContainEqual({
        subnet_id: reference(synthesized, 'aws_subnet', `PrivateSubnet${letter}`),
        route_table_id: reference(synthesized, 'aws_route_table', `PrivateRouteTable${letter}`),
      });
    }
    expect(synthesized).not.toHaveResourceWithProperties(Subnet, { map_public_ip_on_launch: true });
  });

  it('exposes the subnet ids in the order of availabilityZones, and creates no Terraform outputs itself', () => {
    const outputs = outputsOf({ availabilityZones: ['eu-west-1c', 'eu-west-1a'] }, (vpc) => ({
      private_subnet_ids: vpc.privateSubnetIds,
      public_subnet_ids: vpc.publicSubnetIds,
      vpc_id: vpc.vpcId,
    }));

    expect(outputs).toEqual({
      private_subnet_ids: [referenceTo('aws_subnet', 'PrivateSubnetC'), referenceTo('aws_subnet', 'PrivateSubnetA')],
      public_subnet_ids: [referenceTo('aws_subnet', 'PublicSubnetC'), referenceTo('aws_subnet', 'PublicSubnetA')],
      vpc_id: referenceTo('aws_vpc', 'Vpc'),
    });
    expect(JSON.parse(synthVpc()).output).toBeUndefined();
  });
});
