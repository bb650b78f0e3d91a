/** Which tags make a resource the janitor's to touch. */
import { ownershipProblem, workerFilters } from './ownership';

describe('ownershipProblem', () => {
  const worker = { Project: 'llm-platform', Environment: 'dev', Role: 'worker' };

  it('accepts the environment worker tags, whatever else the resource carries', () => {
    expect(ownershipProblem({ ...worker, ExpiresAt: 'x', Name: 'n' }, 'dev')).toBeUndefined();
  });

  it('refuses anything Terraform manages, even with every worker tag', () => {
    expect(ownershipProblem({ ...worker, ManagedBy: 'terraform-cdktf' }, 'dev')).toBe('tagged ManagedBy=terraform-cdktf: Terraform owns it');
  });

  it('names each tag that is missing or different', () => {
    expect(ownershipProblem({ Project: 'llm-platform', Environment: 'prod' }, 'dev')).toBe(
      'not a worker resource of environment dev (Environment is "prod", not "dev", Role is missing, not "worker")',
    );
  });
});

describe('workerFilters', () => {
  it('asks EC2 for the three worker tags', () => {
    expect(workerFilters('dev')).toEqual([
      { Name: 'tag:Project', Values: ['llm-platform'] },
      { Name: 'tag:Environment', Values: ['dev'] },
      { Name: 'tag:Role', Values: ['worker'] },
    ]);
  });
});
