/**
 * What an on-demand EC2 worker is launched from, and nothing that runs: a launch template
 * (IMDSv2 only, encrypted gp3 root volume deleted with the instance, no public IP unless asked,
 * self-termination at maxHours), an instance profile whose role carries the boundary and only
 * Session Manager, its own log group and, if asked, read of one bucket prefix; a security group
 * with no ingress unless SSH CIDRs are given; and, if asked, a vCPU quota request. A plan with
 * workers configured costs nothing until `npm run worker -- launch` starts an instance.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { ServicequotasServiceQuota } from '@cdktf/provider-aws/lib/servicequotas-service-quota';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { ExecutionRole } from '@llm/constructs/iam';
import { Construct } from 'constructs';
import { workerImageParameter, workerUserData } from './image';
import { checkWorkersProps } from './validation';

export interface WorkersProps {
  /** Name of the launch template, instance profile and security group (naming.workerName). */
  readonly name: string;
  /** Role name from the naming module. */
  readonly roleName: string;
  readonly permissionBoundaryArn: string;
  readonly accountId: string;
  readonly region: string;
  /** @default 'aws' */
  readonly partition?: string;
  readonly vpcId: string;
  readonly instanceType: string;
  readonly architecture: 'arm64' | 'x86_64';
  /** Start from the GPU (NVIDIA driver) image instead of plain Amazon Linux 2023. */
  readonly gpu: boolean;
  /** Root volume size, 8..2048 GB. */
  readonly volumeGb: number;
  /** The instance shuts itself down (and so terminates) after this many hours, whatever the janitor does. */
  readonly maxHours: number;
  /** SSH (tcp/22) from these IPv4 CIDRs; never 0.0.0.0/0. @default [] */
  readonly allowSshFrom?: readonly string[];
  /** @default false */
  readonly publicIp?: boolean;
  /** Name of the workers' log group, created here. */
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** Read objects under this prefix of this bucket. @default - no S3 access */
  readonly readBucket?: { readonly bucketArn: string; readonly prefix: string };
  /** Tags the launch template puts on each instance and volume (Project, Environment, Role=worker). */
  readonly instanceTags: Readonly<Record<string, string>>;
  /** Request this EC2 vCPU quota (service code ec2) in the region. @default - none */
  readonly quota?: { readonly code: string; readonly vCpus: number };
}

export class Workers extends Construct {
  readonly launchTemplate: LaunchTemplate;
  readonly securityGroup: SecurityGroup;
  readonly role: ExecutionRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly logGroup: CloudwatchLogGroup;
  readonly quota?: ServicequotasServiceQuota;

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    checkWorkersProps(this, props);
    const partition = props.partition ?? 'aws';
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', { name: props.logGroupName, retentionInDays: props.logRetentionDays });

    this.role = new ExecutionRole(this, 'Role', {
      roleName: props.roleName,
      servicePrincipal: 'ec2.amazonaws.com',
      permissionBoundaryArn: props.permissionBoundaryArn,
      accountId: props.accountId,
      region: props.region,
      partition,
      description: `On-demand workers, ${props.name}`,
      requireSourceAccount: false,
    });
    // Session Manager instead of SSH keys: the agent registers the instance and opens its channels.
    this.role.addStatement({
      Sid: 'SessionManagerRegistration',
      Effect: 'Allow',
      Action: ['ssm:UpdateInstanceInformation'],
      Resource: `arn:${partition}:ec2:${props.region}:${props.accountId}:instance/*`,
    });
    this.role.addStatement({
      Sid: 'SessionManagerChannels',
      Effect: 'Allow',
      Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
      Resource: '*',
    });
    this.role.grantLogs(props.logGroupName);
    if (props.readBucket) this.role.grantRead(props.readBucket.bucketArn, props.readBucket.prefix);
    this.instanceProfile = new IamInstanceProfile(this, 'InstanceProfile', { name: props.name, role: this.role.role.name });

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: props.name,
      description: props.allowSshFrom?.length ? 'Workers: SSH from the configured networks, HTTPS out' : 'Workers: no inbound (Session Manager), HTTPS out',
      vpcId: props.vpcId,
      tags: { Name: props.name, ...roleTag(props.instanceTags) },
    });
    new VpcSecurityGroupEgressRule(this, 'HttpsEgress', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS to Session Manager, AWS APIs and package repositories',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });
    (props.allowSshFrom ?? []).forEach((cidr, index) => {
      new VpcSecurityGroupIngressRule(this, `SshIngress${index}`, {
        securityGroupId: this.securityGroup.id,
        description: `SSH from ${cidr}`,
        ipProtocol: 'tcp',
        fromPort: 22,
        toPort: 22,
        cidrIpv4: cidr,
      });
    });

    const tags = { Name: props.name, ...props.instanceTags };
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      name: props.name,
      description: `${props.instanceType} worker; terminates itself after ${props.maxHours} h`,
      // Resolved by EC2 at launch: the current image without a lookup at plan time.
      imageId: `resolve:ssm:${workerImageParameter(props.architecture, props.gpu)}`,
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      // Shutting down from inside (the user data's timer, or by hand) terminates: a stopped worker still bills its volume.
      instanceInitiatedShutdownBehavior: 'terminate',
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      monitoring: { enabled: false },
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: props.volumeGb, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } },
      ],
      // No subnet: `npm run worker -- launch` picks one and passes this interface again with it.
      networkInterfaces: [
        { deviceIndex: 0, associatePublicIpAddress: String(props.publicIp ?? false), securityGroups: [this.securityGroup.id], deleteOnTermination: 'true' },
      ],
      // Literal base64, so a reviewer can decode what runs at boot from the plan itself.
      userData: Buffer.from(workerUserData(props.maxHours)).toString('base64'),
      tagSpecifications: [
        { resourceType: 'instance', tags },
        { resourceType: 'volume', tags },
      ],
    });

    if (props.quota) {
      this.quota = new ServicequotasServiceQuota(this, 'VcpuQuota', { serviceCode: 'ec2', quotaCode: props.quota.code, value: props.quota.vCpus });
    }
  }
}

function roleTag(tags: Readonly<Record<string, string>>): Record<string, string> {
  return tags.Role ? { Role: tags.Role } : {};
}
