import { onlyResource, resourcesOf } from '@llm/terraform/testing';
import { setDeploymentContext } from '@llm/config';
import { Testing } from 'cdktf';
import { Workers, type WorkersProps } from './index';

const PROPS: WorkersProps = {
  name: 'llm-platform-dev-us-east-1-worker',
  roleName: 'llm-platform-dev-us-east-1-worker',
  permissionBoundaryArn: 'arn:aws:iam::111111111111:policy/llm-platform-dev-global-permission-boundary',
  accountId: '111111111111',
  region: 'us-east-1',
  vpcId: 'vpc-0123456789abcdef0',
  instanceType: 't4g.small',
  architecture: 'arm64',
  gpu: false,
  volumeGb: 20,
  maxHours: 8,
  logGroupName: '/llm-platform/dev/us-east-1/workers',
  logRetentionDays: 14,
  instanceTags: { Project: 'llm-platform', Environment: 'dev', Role: 'worker' },
};

function synth(props: Partial<WorkersProps> = {}): string {
  return Testing.synthScope((scope) => {
    setDeploymentContext(scope, { environment: 'dev', region: 'us-east-1' });
    new Workers(scope, 'Workers', { ...PROPS, ...props });
  });
}

function policyOf(synthesized: string): { Statement: Array<{ Sid: string; Action: string[]; Resource: string | string[] }> } {
  return JSON.parse(onlyResource(synthesized, 'aws_iam_role_policy').policy);
}

describe('Workers', () => {
  it('launches with IMDSv2 only (hop limit 1), an encrypted gp3 root volume deleted with the instance, no public IP, no detailed monitoring', () => {
    const template = onlyResource(synth(), 'aws_launch_template');
    expect(template.metadata_options).toEqual({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
      instance_metadata_tags: 'disabled',
    });
    expect(template.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 20, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
    ]);
    expect(template.network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'false',
        security_groups: ['${aws_security_group.Workers_SecurityGroup_62822B9F.id}'],
        delete_on_termination: 'true',
      },
    ]);
    expect(template.monitoring).toEqual({ enabled: false });
    expect(template.instance_initiated_shutdown_behavior).toBe('terminate');
    expect(template.image_id).toBe('resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    expect(template.key_name).toBeUndefined();
  });

  it('tags each instance and volume as a worker of the environment, so the janitor can find them', () => {
    const template = onlyResource(synth(), 'aws_launch_template');
    const tags = { Name: PROPS.name, Project: 'llm-platform', Environment: 'dev', Role: 'worker' };
    expect(template.tag_specifications).toEqual([
      { resource_type: 'instance', tags },
      { resource_type: 'volume', tags },
    ]);
  });

  it('boots a script that starts the SSM agent and shuts down (terminates) at maxHours, and installs nothing', () => {
    const script = Buffer.from(onlyResource(synth({ maxHours: 3 }), 'aws_launch_template').user_data, 'base64').toString('utf8');
    expect(script).toContain('systemctl enable --now amazon-ssm-agent');
    expect(script).toContain('shutdown -h +180 ');
    expect(script).not.toMatch(/install|curl|wget|secret|key/i);
  });

  it('uses the GPU image for GPU workers, and gives a public IP only when asked', () => {
    const template = onlyResource(synth({ instanceType: 'g5.xlarge', architecture: 'x86_64', gpu: true, publicIp: true }), 'aws_launch_template');
    expect(template.image_id).toBe('resolve:ssm:/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id');
    expect(template.network_interfaces[0].associate_public_ip_address).toBe('true');
  });

  it('opens no ingress by default, and SSH only from the given CIDRs', () => {
    const closed = synth();
    expect(resourcesOf(closed, 'aws_vpc_security_group_ingress_rule')).toEqual([]);
    expect(onlyResource(closed, 'aws_vpc_security_group_egress_rule')).toMatchObject({ ip_protocol: 'tcp', from_port: 443, to_port: 443 });
    expect(onlyResource(closed, 'aws_security_group').tags).toEqual({ Name: PROPS.name, Role: 'worker' });
    const open = resourcesOf(synth({ allowSshFrom: ['203.0.113.0/24', '198.51.100.7/32'] }), 'aws_vpc_security_group_ingress_rule');
    expect(open.map((rule) => [rule.cidr_ipv4, rule.from_port, rule.to_port])).toEqual([
      ['203.0.113.0/24', 22, 22],
      ['198.51.100.7/32', 22, 22],
    ]);
  });

  it('gives the instance role the boundary, Session Manager and its log group only; S3 read only when asked', () => {
    const synthesized = synth();
    expect(onlyResource(synthesized, 'aws_iam_role').permissions_boundary).toBe(PROPS.permissionBoundaryArn);
    expect(JSON.parse(onlyResource(synthesized, 'aws_iam_role').assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(
      policyOf(synthesized)
        .Statement.flatMap((statement) => statement.Action)
        .sort(),
    ).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ssm:UpdateInstanceInformation',
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
    const reading = policyOf(synth({ readBucket: { bucketArn: 'arn:aws:s3:::bucket', prefix: 'generations/' } }));
    expect(reading.Statement.filter((statement) => statement.Action.includes('s3:GetObject')).map((statement) => statement.Resource)).toEqual([
      'arn:aws:s3:::bucket/generations/*',
    ]);
    expect(onlyResource(synthesized, 'aws_iam_instance_profile')).toMatchObject({ name: PROPS.name });
  });

  it('requests the vCPU quota only when configured', () => {
    expect(resourcesOf(synth(), 'aws_servicequotas_service_quota')).toEqual([]);
    expect(onlyResource(synth({ quota: { code: 'L-DB2E81BA', vCpus: 8 } }), 'aws_servicequotas_service_quota')).toEqual({
      service_code: 'ec2',
      quota_code: 'L-DB2E81BA',
      value: 8,
    });
  });

  it('refuses SSH from the whole internet, a GPU on arm64, missing janitor tags and bad sizes, naming the construct', () => {
    expect(() => synth({ allowSshFrom: ['0.0.0.0/0'] })).toThrow(/allowSshFrom "0\.0\.0\.0\/0" opens SSH to the whole internet.*Workers/);
    expect(() => synth({ gpu: true })).toThrow(/gpu workers must be x86_64/);
    expect(() => synth({ instanceTags: { Project: 'llm-platform', Environment: 'dev' } })).toThrow(/instanceTags must carry Role/);
    expect(() => synth({ volumeGb: 4 })).toThrow(/volumeGb 4 must be a whole number 8\.\.2048/);
    expect(() => synth({ maxHours: 100 })).toThrow(/maxHours 100 must be a whole number 1\.\.72/);
  });
});
