/**
 * The checked-in environments: what holds for any list environments/index.ts gives (so adding an
 * environment or a region needs no change here), and the few facts the design depends on.
 */
import { validateEnvironments } from '@llm/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENTS } from './index';

describe('the checked-in environments', () => {
  const envs = validateEnvironments(ENVIRONMENTS);

  it('are the ones environments/index.ts lists, in its order, each from its own folder', () => {
    const index = readFileSync(join(__dirname, 'index.ts'), 'utf8');
    const listed = /export const ENVIRONMENTS = \[([^\]]*)\]/
      .exec(index)?.[1]
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);

    expect(envs.map((env) => env.name)).toEqual(listed);
    for (const env of envs) expect(index).toContain(`import { ${env.name} } from './${env.name}/config';`);
  });

  it('deploy production last: every non-production environment comes before the first production one', () => {
    const firstProduction = envs.findIndex((env) => env.production);
    expect(firstProduction).toBeGreaterThanOrEqual(0);
    expect(envs.slice(firstProduction).every((env) => env.production)).toBe(true);
  });

  it('make at least six stacks, and at least one environment spans two or more regions', () => {
    const regionalStacks = envs.reduce((sum, env) => sum + env.regions.length, 0);
    expect(regionalStacks + envs.length).toBeGreaterThanOrEqual(6);
    expect(envs.some((env) => env.regions.length >= 2)).toBe(true);
  });

  it('mark prod as production, and dev and staging not', () => {
    const production = (name: string) => envs.find((env) => env.name === name)?.production;
    expect([production('dev'), production('staging'), production('prod')]).toEqual([false, false, true]);
  });
});
