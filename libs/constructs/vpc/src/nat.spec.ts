import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { buildVpc, logicalId, reference, resourcesOf, synthVpc } from './spec-helpers';

/** route table id -> NAT gateway id of every private default route. */
function privateDefaultRoutes(synthesized: string): Record<string, string> {
  return Object.fromEntries(
    Object.values(resourcesOf(synthesized, 'aws_route'))
      .filter((route) => route.nat_gateway_id !== undefined)
      .map((route) => [route.route_table_id, route.nat_gateway_id]),
  );
}

describe('Vpc NAT', () => {
  it("uses one NAT gateway in the first listed zone by default, and routes every zone's private subnet through it", () => {
    const synthesized = synthVpc({ availabilityZones: ['eu-west-1b', 'eu-west-1a', 'eu-west-1c'] });

    expect(Object.keys(resourcesOf(synthesized, 'aws_nat_gateway'))).toHaveLength(1);
    expect(synthesized).toHaveResourceWithProperties(NatGateway, {
      allocation_id: reference(synthesized, 'aws_eip', 'NatEipB', 'allocation_id'),
      subnet_id: reference(synthesized, 'aws_subnet', 'PublicSubnetB'),
    });
    expect(synthesized).toHaveResourceWithProperties(Eip, { domain: 'vpc' });
    const nat = reference(synthesized, 'aws_nat_gateway', 'NatGatewayB');
    expect(privateDefaultRoutes(synthesized)).toEqual({
      [reference(synthesized, 'aws_route_table', 'PrivateRouteTableA')]: nat,
      [reference(synthesized, 'aws_route_table', 'PrivateRouteTableB')]: nat,
      [reference(synthesized, 'aws_route_table', 'PrivateRouteTableC')]: nat,
    });
  });

  it('gives each zone its own NAT gateway and Elastic IP with per-az, and routes each zone through its own', () => {
    const synthesized = synthVpc({ nat: 'per-az' });

    expect(Object.keys(resourcesOf(synthesized, 'aws_nat_gateway'))).toHaveLength(3);
    expect(Object.keys(resourcesOf(synthesized, 'aws_eip'))).toHaveLength(3);
    const routes: Record<string, string> = {};
    for (const letter of ['A', 'B', 'C']) {
      expect(synthesized).toHaveResourceWithProperties(NatGateway, {
        allocation_id: reference(synthesized, 'aws_eip', `NatEip${letter}`, 'allocation_id'),
        subnet_id: reference(synthesized, 'aws_subnet', `PublicSubnet${letter}`),
      });
      routes[reference(synthesized, 'aws_route_table', `PrivateRouteTable${letter}`)] = reference(synthesized, 'aws_nat_gateway', `NatGateway${letter}`);
    }
    expect(privateDefaultRoutes(synthesized)).toEqual(routes);
  });

  it('creates no NAT gateway, no Elastic IP and no private default route with none', () => {
    const synthesized = synthVpc({ nat: 'none' });

    expect(resourcesOf(synthesized, 'aws_nat_gateway')).toEqual({});
    expect(resourcesOf(synthesized, 'aws_eip')).toEqual({});
    const routes = Object.values(resourcesOf(synthesized, 'aws_route'));
    expect(routes).toEqual([expect.objectContaining({ route_table_id: reference(synthesized, 'aws_route_table', 'PublicRouteTable') })]);
  });

  it('waits for the internet gateway before creating a NAT gateway', () => {
    const synthesized = synthVpc();
    const [gateway] = Object.values(resourcesOf(synthesized, 'aws_nat_gateway'));
    expect(gateway.depends_on).toEqual([`aws_internet_gateway.${logicalId(synthesized, 'aws_internet_gateway', 'InternetGateway')}`]);
  });

  it.each([
    ['none', false],
    ['single', true],
    ['per-az', true],
  ] as const)('with nat %s, reports hasInternetEgress %s', (nat, expected) => {
    expect(buildVpc({ nat }).hasInternetEgress).toBe(expected);
  });
});
