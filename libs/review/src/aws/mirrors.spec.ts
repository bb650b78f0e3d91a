import type { JsonObject } from '../input/terraform-json';
import { withoutMirrors, type KnownResource } from './mirrors';

function known(resources: Record<string, JsonObject>): (type: string) => KnownResource[] {
  const all = Object.entries(resources).map(([address, values]) => ({ address, type: address.split('.')[0], values }));
  return (type) => all.filter((resource) => resource.type === type);
}

describe('withoutMirrors', () => {
  it('takes out the route an aws_route manages, and keeps a route added by hand', () => {
    const table = {
      id: 'rtb-1',
      route: [
        { cidr_block: '0.0.0.0/0', gateway_id: 'igw-1', ipv6_cidr_block: '' },
        { cidr_block: '10.9.0.0/16', gateway_id: 'pcx-1' },
      ],
    };
    const routes = known({ 'aws_route.default': { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' } });

    expect(withoutMirrors('aws_route_table', table, table, routes).route).toEqual([{ cidr_block: '10.9.0.0/16', gateway_id: 'pcx-1' }]);
  });

  it("matches a group's entries to legacy aws_security_group_rule and self references, and leaves another group's rules alone", () => {
    const entry = (extra: JsonObject) => ({
      protocol: '-1',
      from_port: 0,
      to_port: 0,
      cidr_blocks: [],
      ipv6_cidr_blocks: [],
      security_groups: [],
      self: false,
      ...extra,
    });
    const group = { id: 'sg-1', egress: [entry({ cidr_blocks: ['0.0.0.0/0'] }), entry({ self: true }), entry({ cidr_blocks: ['10.0.0.0/8'] })] };
    const rules = known({
      'aws_security_group_rule.all': { type: 'egress', security_group_id: 'sg-1', protocol: 'all', from_port: 0, to_port: 65535, cidr_blocks: ['0.0.0.0/0'] },
      'aws_vpc_security_group_egress_rule.self': { security_group_id: 'sg-1', ip_protocol: '-1', referenced_security_group_id: 'sg-1' },
      'aws_vpc_security_group_egress_rule.other': { security_group_id: 'sg-2', ip_protocol: '-1', cidr_ipv4: '10.0.0.0/8' },
    });

    expect(withoutMirrors('aws_security_group', group, group, rules).egress).toEqual([entry({ cidr_blocks: ['10.0.0.0/8'] })]);
  });

  it('keeps an entry only partly managed: AWS merges sources of the same ports into one entry', () => {
    const group = { id: 'sg-1', ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] }] };
    const rules = known({
      'aws_vpc_security_group_ingress_rule.https': { security_group_id: 'sg-1', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.0.0.0/8' },
    });

    expect(withoutMirrors('aws_security_group', group, group, rules).ingress).toEqual(group.ingress);
  });

  it("leaves out a bucket's and a topic's attributes that split resources took over, only when such a resource exists", () => {
    const bucket = { bucket: 'data', id: 'data', versioning: [{ enabled: false }], logging: [{ target_bucket: 'logs' }] };
    const topic = { arn: 'arn:aws:sns:us-east-1:1:alerts', policy: '{}' };
    const owners = known({ 'aws_s3_bucket_versioning.data': { bucket: 'data' }, 'aws_sns_topic_policy.alerts': { arn: 'arn:aws:sns:us-east-1:1:alerts' } });

    expect(withoutMirrors('aws_s3_bucket', bucket, bucket, owners)).toEqual({ bucket: 'data', id: 'data', logging: [{ target_bucket: 'logs' }] });
    expect(withoutMirrors('aws_sns_topic', topic, topic, owners)).toEqual({ arn: topic.arn });
    expect(withoutMirrors('aws_sns_topic', topic, topic, known({}))).toEqual(topic);
  });
});
