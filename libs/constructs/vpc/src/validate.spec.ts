import { setDeploymentContext } from '@llm/config';
import { TerraformVariable } from 'cdktf';
import { synthVpc } from './spec-helpers';
import type { VpcProps } from './vpc';

const WHERE = '(construct stack/Vpc)';

describe('Vpc validation', () => {
  it('names environment, region and construct path when the stack has set them', () => {
    const build = () =>
      synthVpc((scope) => {
        setDeploymentContext(scope, { environment: 'prod', region: 'eu-west-1' });
        return { cidr: '10.30.0.0/28' };
      });

    expect(build).toThrow(new Error('Vpc cidr prefix must be /16../24, got /28 (environment prod, region eu-west-1, construct stack/Vpc)'));
  });

  it.each<[string, Partial<VpcProps>, string]>([
    ['a CIDR that is not one', { cidr: '10.30.0/16' }, `Vpc cidr must be an IPv4 CIDR block such as 10.20.0.0/16, got "10.30.0/16" ${WHERE}`],
    [
      'a CIDR with host bits set',
      { cidr: '10.30.0.1/16' },
      `Vpc cidr must be a canonical IPv4 CIDR block (host bits are set; the network address is 10.30.0.0/16), got "10.30.0.1/16" ${WHERE}`,
    ],
    ['a prefix shorter than /16', { cidr: '10.0.0.0/15' }, `Vpc cidr prefix must be /16../24, got /15 ${WHERE}`],
    ['a prefix longer than /24', { cidr: '10.30.0.0/25' }, `Vpc cidr prefix must be /16../24, got /25 ${WHERE}`],
    ['no zone', { availabilityZones: [] }, `Vpc availabilityZones must list 1..6 zones, got 0 ${WHERE}`],
    [
      'more than 6 zones',
      { region: 'us-east-1', availabilityZones: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((letter) => `us-east-1${letter}`) },
      `Vpc availabilityZones must list 1..6 zones, got 7 ${WHERE}`,
    ],
    [
      'a zone listed twice',
      { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'] },
      `Vpc availabilityZones must not repeat a zone, got "eu-west-1a" twice ${WHERE}`,
    ],
    [
      'a zone of another region',
      { availabilityZones: ['eu-west-1a', 'eu-central-1b'] },
      `Vpc availability zone must be a zone of region eu-west-1 (eu-west-1 plus one letter), got "eu-central-1b" ${WHERE}`,
    ],
    [
      'a zone name that is the region itself',
      { availabilityZones: ['eu-west-1'] },
      `Vpc availability zone must be a zone of region eu-west-1 (eu-west-1 plus one letter), got "eu-west-1" ${WHERE}`,
    ],
    [
      'a zone letter past h',
      { availabilityZones: ['eu-west-1a', 'eu-west-1i'] },
      `Vpc availability zone letter must be a..h (each letter owns one address block), got "eu-west-1i" ${WHERE}`,
    ],
    [
      'a retention CloudWatch does not offer',
      { flowLogRetentionDays: 10 },
      `Vpc flowLogRetentionDays must be one of the CloudWatch Logs periods 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, got 10 ${WHERE}`,
    ],
    ['an unknown NAT mode', { nat: 'dual' as VpcProps['nat'] }, `Vpc nat must be one of none, single, per-az, got "dual" ${WHERE}`],
    [
      'an unknown interface endpoint',
      { interfaceEndpoints: ['logs', 'sqs'] as VpcProps['interfaceEndpoints'] },
      `Vpc interfaceEndpoints may list only secretsmanager, logs, ecr, got "sqs" ${WHERE}`,
    ],
    ['an account id that is not 12 digits', { accountId: '12345' }, `Vpc accountId must be exactly 12 digits, got "12345" ${WHERE}`],
    [
      'an unknown region',
      { region: 'eu-west1', availabilityZones: ['eu-west1a'] },
      `Vpc region must be a known AWS region code such as eu-west-1, got "eu-west1" ${WHERE}`,
    ],
    [
      'a partition that is not the one of the region',
      { partition: 'aws-us-gov' },
      `Vpc partition must be aws for region eu-west-1, got "aws-us-gov"; leave it unset to derive it ${WHERE}`,
    ],
    [
      'a name prefix with characters IAM and CloudWatch refuse',
      { namePrefix: 'llm platform' },
      `Vpc namePrefix must be letters, digits or hyphens, starting with a letter or digit, got "llm platform" ${WHERE}`,
    ],
    [
      'a name prefix that makes the role name longer than 64 characters',
      { namePrefix: 'x'.repeat(51) },
      `Vpc flow-logs role name must be at most 64 characters, got 65 ("${'x'.repeat(51)}-vpc-flow-logs"); shorten namePrefix ${WHERE}`,
    ],
    [
      'a permission boundary that is not a policy ARN',
      { permissionBoundaryArn: 'arn:aws:iam::333333333333:role/boundary' },
      `Vpc permissionBoundaryArn must be an IAM policy ARN such as arn:aws:iam::111111111111:policy/name, got "arn:aws:iam::333333333333:role/boundary" ${WHERE}`,
    ],
  ])('rejects %s', (_case, overrides, message) => {
    expect(() => synthVpc(overrides)).toThrow(new Error(message));
  });

  it('accepts a 50-character name prefix, the longest whose role name fits', () => {
    expect(() => synthVpc({ namePrefix: 'x'.repeat(50) })).not.toThrow();
  });

  it('refuses zones given as a token, since subnets are laid out per zone at synth time', () => {
    const build = () => synthVpc((scope) => ({ availabilityZones: new TerraformVariable(scope, 'zones', { type: 'list(string)' }).listValue }));

    expect(build).toThrow(
      new Error(
        `Vpc availabilityZones must be literal zone names such as eu-west-1a, got an unresolved token; subnets are laid out per zone at synth time ${WHERE}`,
      ),
    );
  });

  it('skips the checks of values that are tokens', () => {
    const build = () =>
      synthVpc((scope) => ({
        cidr: new TerraformVariable(scope, 'cidr', { type: 'string' }).stringValue,
        accountId: new TerraformVariable(scope, 'account', { type: 'string' }).stringValue,
        region: new TerraformVariable(scope, 'region', { type: 'string' }).stringValue,
        flowLogRetentionDays: new TerraformVariable(scope, 'retention', { type: 'number' }).numberValue,
        namePrefix: new TerraformVariable(scope, 'prefix', { type: 'string' }).stringValue,
        permissionBoundaryArn: new TerraformVariable(scope, 'boundary', { type: 'string' }).stringValue,
      }));

    expect(build).not.toThrow();
  });
});
