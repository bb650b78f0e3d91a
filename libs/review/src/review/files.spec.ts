import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planOf, resourceChange } from '../testing/builders';
import { locatePlan, reviewFiles, reviewStackDirs } from './files';

describe('reviewing files', () => {
  const root = mkdtempSync(join(tmpdir(), 'review-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function stackDir(name: string, changes = [resourceChange('aws_sqs_queue.jobs', ['create'], null, { name: 'jobs' })]): string {
    const dir = join(root, 'stacks', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'plan.json'), JSON.stringify(planOf(changes)));
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ resource: { aws_sqs_queue: { jobs: {} } } }));
    return dir;
  }

  const state = (resources: string[]) =>
    JSON.stringify({
      version: 4,
      serial: 1,
      lineage: 'l',
      resources: resources.map((name) => ({ mode: 'managed', type: 'aws_sqs_queue', name, instances: [{ attributes: { name } }] })),
    });

  it('names a stack after its directory, or after a plan file that is not plan.json', () => {
    const dir = stackDir('dev-us-east-1');
    writeFileSync(join(root, 'prod.plan.json'), JSON.stringify(planOf([])));

    expect(locatePlan(dir)).toMatchObject({ name: 'dev-us-east-1', planPath: join(dir, 'plan.json') });
    expect(locatePlan(join(dir, 'plan.json')).name).toBe('dev-us-east-1');
    expect(locatePlan(join(root, 'prod.plan.json')).name).toBe('prod');
  });

  it('refuses a directory without plan.json and a path that does not exist', () => {
    expect(() => locatePlan(root)).toThrow(`${root}: is a directory without plan.json`);
    expect(() => locatePlan(join(root, 'nope'))).toThrow(`${join(root, 'nope')}: no such file or directory`);
  });

  it('reviews every stack directory the planner made, in order', () => {
    const report = reviewStackDirs([stackDir('staging-eu-west-1'), stackDir('staging-us-east-1')]);

    expect(report.stacks.map((stack) => [stack.name, stack.summary.create])).toEqual([
      ['staging-eu-west-1', 1],
      ['staging-us-east-1', 1],
    ]);
  });

  it("compares a state in a stack's folder with that stack's cdk.tf.json", () => {
    const a = stackDir('a');
    const b = stackDir('b');
    writeFileSync(join(b, 'terraform.tfstate'), state(['jobs', 'orphan']));

    const report = reviewFiles({ plans: [a, b], states: [join(b, 'terraform.tfstate')] });

    expect(report.stacks[0].findings.filter((finding) => finding.rule === 'orphaned-in-state')).toEqual([]);
    expect(report.stacks[1].findings.filter((finding) => finding.rule === 'orphaned-in-state').map((finding) => finding.address)).toEqual([
      'aws_sqs_queue.orphan',
    ]);
    expect(report.stacks[1].sources).toEqual([join(b, 'plan.json'), join(b, 'terraform.tfstate')]);
  });

  it("matches cdktf's terraform.<stack>.tfstate by name, and reviews a state of no given stack on its own", () => {
    const bootstrap = stackDir('prod-bootstrap');
    writeFileSync(join(root, 'terraform.prod-bootstrap.tfstate'), state(['jobs']));
    writeFileSync(join(root, 'terraform.other.tfstate'), state(['jobs']));

    const report = reviewFiles({
      plans: [bootstrap, stackDir('prod-global')],
      states: [join(root, 'terraform.prod-bootstrap.tfstate'), join(root, 'terraform.other.tfstate')],
    });

    expect(report.stacks.map((stack) => [stack.name, stack.inventory?.resources])).toEqual([
      ['prod-bootstrap', 1],
      ['prod-global', undefined],
      ['other', 1],
    ]);
  });

  it('names the file when a state is given where a plan belongs', () => {
    writeFileSync(join(root, 'terraform.tfstate'), state([]));

    expect(() => reviewFiles({ plans: [join(root, 'terraform.tfstate')] })).toThrow(
      `${join(root, 'terraform.tfstate')}: is a Terraform state, not a plan; pass it with --state`,
    );
  });
});
