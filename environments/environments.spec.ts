import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from './index';

describe('the checked-in environments', () => {
  const envs = validateEnvironments(ENVIRONMENTS);

  it('are dev, staging and prod, in deployment order', () => {
    expect(envs.map((env) => env.name)).toEqual(['dev', 'staging', 'prod']);
  });

  it('make at least six stacks, and at least one environment spans two or more regions', () => {
    const regionalStacks = envs.reduce((sum, env) => sum + env.regions.length, 0);
    expect(regionalStacks + envs.length).toBeGreaterThanOrEqual(6);
    expect(envs.some((env) => env.regions.length >= 2)).toBe(true);
  });

  it('mark only prod as production', () => {
    expect(envs.filter((env) => env.production).map((env) => env.name)).toEqual(['prod']);
  });
});
