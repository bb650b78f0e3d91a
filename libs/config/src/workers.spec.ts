import { resolveWorkers, validateEnvironments, type WorkersConfig } from './index';
import { developmentInput, problemsOf as allProblemsOf, productionInput } from './testing';
import type { EnvironmentInput } from './schema';

type WorkersInput = NonNullable<EnvironmentInput['regions'][number]['workers']>;

const SMALL: WorkersInput = { instanceType: 't4g.small', maxHours: 8, maxInstances: 2, volumeGb: 20 };

function withWorkers(workers: Record<string, unknown>, make = developmentInput, nat: 'none' | 'single' = 'single'): EnvironmentInput {
  return make({
    regions: [{ region: 'eu-west-1', vpc: { cidr: '10.0.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], nat }, workers: workers as WorkersInput }],
  });
}

const problemsOf = (input: EnvironmentInput): string[] => allProblemsOf([input]);

describe('workers configuration', () => {
  it('accepts a small CPU worker and fills architecture, GPU and safe defaults from the family', () => {
    const [env] = validateEnvironments([withWorkers(SMALL)]);
    const workers = resolveWorkers(env.regions[0].workers as WorkersConfig);
    expect(workers).toMatchObject({ family: 't4g', architecture: 'arm64', gpu: false, allowSshFrom: [], publicIp: false, readGenerations: false });
    expect(resolveWorkers({ ...(env.regions[0].workers as WorkersConfig), instanceType: 'g5.xlarge' })).toMatchObject({ architecture: 'x86_64', gpu: true });
  });

  it('accepts a GPU worker with the G and VT vCPU quota in production, without a public IP', () => {
    expect(() =>
      validateEnvironments([withWorkers({ ...SMALL, instanceType: 'g5.xlarge', volumeGb: 100, quota: { code: 'L-DB2E81BA', vCpus: 8 } }, productionInput)]),
    ).not.toThrow();
  });

  it('reports every problem at once: hours, instances, volume, quota code and the unknown family', () => {
    expect(problemsOf(withWorkers({ instanceType: 'x1e.xlarge', maxHours: 73, maxInstances: 0, volumeGb: 4, quota: { code: 'L-NOPE', vCpus: 8 } }))).toEqual([
      'environment "dev": regions[0].workers.maxHours = 73: must be 1..72 hours',
      'environment "dev": regions[0].workers.maxInstances = 0: must be 1..20 instances',
      'environment "dev": regions[0].workers.volumeGb = 4: must be 8..2048 GB',
      'environment "dev": regions[0].workers.quota.code = "L-NOPE": must be one of the EC2 vCPU quota codes L-1216C47A, L-DB2E81BA, L-417A185B',
      expect.stringMatching(/^environment "dev": regions\[0\]\.workers\.instanceType = "x1e\.xlarge": has an instance family workers do not support/),
    ]);
    expect(problemsOf(withWorkers({ ...SMALL, instanceType: 'x1e.xlarge' }))[0]).toMatch(
      /^environment "dev": regions\[0\]\.workers\.instanceType = "x1e\.xlarge": has an instance family workers do not support; use one of t3, /,
    );
    expect(problemsOf(withWorkers({ ...SMALL, instanceType: 'big' }))).toEqual([
      'environment "dev": regions[0].workers.instanceType = "big": must be an EC2 instance type such as t4g.small or g5.xlarge',
    ]);
  });

  it('refuses an architecture, GPU flag or quota that does not fit the family', () => {
    expect(problemsOf(withWorkers({ ...SMALL, architecture: 'x86_64', gpu: true, quota: { code: 'L-DB2E81BA', vCpus: 4 } }))).toEqual([
      'environment "dev": regions[0].workers.architecture = "x86_64": does not match t4g.small, which is arm64',
      'environment "dev": regions[0].workers.gpu = true: does not match t4g.small, which has no GPU',
      'environment "dev": regions[0].workers.quota.code = "L-DB2E81BA": is the quota "Running On-Demand G and VT instances", which does not cover t4g.small',
    ]);
  });

  it('never opens SSH to the whole internet, and checks each CIDR', () => {
    expect(problemsOf(withWorkers({ ...SMALL, allowSshFrom: ['203.0.113.0/24', '0.0.0.0/0', '10.0.0.1/8'] }))).toEqual([
      'environment "dev": regions[0].workers.allowSshFrom[1] = "0.0.0.0/0": must not open SSH to the whole internet; name your network, or use SSM Session Manager',
      'environment "dev": regions[0].workers.allowSshFrom[2] = "10.0.0.1/8": host bits are set; the network address is 10.0.0.0/8',
    ]);
  });

  it('refuses a public IP in production, and private workers with no way out to SSM', () => {
    expect(problemsOf(withWorkers({ ...SMALL, instanceType: 't3.small', publicIp: true }, productionInput))).toEqual([
      'environment "prod": regions[0].workers.publicIp = true: must be false in production: workers stay in private subnets',
    ]);
    expect(problemsOf(withWorkers(SMALL, developmentInput, 'none'))).toEqual([
      'environment "dev": regions[0].workers.publicIp = false: leaves workers in private subnets without NAT (regions[0].vpc.nat is "none"): they could not reach SSM; set publicIp true or use NAT',
    ]);
    expect(() => validateEnvironments([withWorkers({ ...SMALL, publicIp: true }, developmentInput, 'none')])).not.toThrow();
  });
});
