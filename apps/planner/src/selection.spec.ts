import { validateEnvironments } from '@llm/config';
import { developmentInput, productionInput } from '@llm/config/testing';
import { configuredEnvironments, SelectionError, selectStacks } from './selection';

describe('selectStacks', () => {
  const configured = validateEnvironments([developmentInput(), productionInput()]);
  const prodStacks = ['prod-bootstrap', 'prod-global', ...configured[1].regions.map((entry) => `prod-${entry.region}`)];

  it('selects every stack of every environment by default, and knows them all', () => {
    const selection = selectStacks(configured, { environments: [], stacks: [] });

    expect(selection.environments).toEqual(['dev', 'prod']);
    expect(selection.stacks).toEqual(selection.known);
    expect(selection.known).toEqual(expect.arrayContaining(['dev-bootstrap', 'dev-global', ...prodStacks]));
  });

  it('narrows to the stacks asked for, still knowing every stack of the configuration', () => {
    const selection = selectStacks(configured, { environments: ['prod'], stacks: ['prod-global'] });

    expect(selection).toMatchObject({ environments: ['prod'], stacks: ['prod-global'] });
    expect(selection.known).toContain('dev-global');
  });

  it('refuses an unknown environment in one line, naming the known ones', () => {
    expect(() => selectStacks(configured, { environments: ['nope'], stacks: [] })).toThrow(
      new SelectionError('--env: unknown environment(s) nope; known: dev, prod'),
    );
  });

  it('refuses a stack of another environment than the selected ones, and an unknown stack', () => {
    expect(() => selectStacks(configured, { environments: ['dev'], stacks: ['prod-global'] })).toThrow(
      /^--stack: stack\(s\) prod-global not of the selected environment\(s\) dev; theirs: dev-bootstrap, dev-global, /,
    );
    expect(() => selectStacks(configured, { environments: [], stacks: ['qa-global'] })).toThrow(/^--stack: unknown stack\(s\) qa-global; known: /);
  });

  it("reads this repository's environments", () => {
    expect(selectStacks(configuredEnvironments(), { environments: ['dev'], stacks: [] }).stacks).toContain('dev-global');
  });
});
