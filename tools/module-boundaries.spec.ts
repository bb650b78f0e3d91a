import { resolve } from 'node:path';
import { findViolations, loadWorkspace, type ProjectInfo } from './module-boundaries';

describe('module boundaries of this workspace', () => {
  const workspace = loadWorkspace(resolve(__dirname, '..'));

  it('tags every project with a known type', () => {
    expect(workspace.projects.filter((project) => project.type === 'untagged')).toEqual([]);
    expect(workspace.projects.length).toBeGreaterThanOrEqual(10);
  });

  it('has no forbidden imports', () => {
    expect(findViolations(workspace.files, workspace.projects, workspace.aliases)).toEqual([]);
  });
});

/** Builds an import line at run time, so this file's own fixtures do not count as its imports. */
function importing(...specifiers: string[]): string {
  return specifiers.map((specifier) => `import { x } from '${specifier}';`).join('\n');
}

describe('findViolations', () => {
  const projects: ProjectInfo[] = [
    { name: 'constructs-vpc', root: 'libs/constructs/vpc', type: 'construct' },
    { name: 'stacks', root: 'stacks', type: 'stack' },
    { name: 'planner', root: 'apps/planner', type: 'app' },
  ];
  const aliases = { '@llm/stacks': 'stacks/src/index.ts', '@llm/planner': 'apps/planner/src/index.ts' };

  it('catches a construct importing a stack, and a lib importing an app', () => {
    const files = [
      { path: 'libs/constructs/vpc/src/vpc.ts', text: importing('@llm/stacks') },
      { path: 'libs/constructs/vpc/src/x.ts', text: importing('@llm/planner') },
    ];
    expect(findViolations(files, projects, aliases)).toEqual([
      'libs/constructs/vpc/src/vpc.ts: constructs-vpc (type:construct) may not import stacks (type:stack)',
      'libs/constructs/vpc/src/x.ts: constructs-vpc (type:construct) may not import planner (type:app)',
    ]);
  });

  it('catches a relative import that leaves the project, and the provider root index', () => {
    const files = [
      { path: 'stacks/src/a.ts', text: importing('../../apps/planner/src/args', '@cdktf/provider-aws') },
    ];
    expect(findViolations(files, projects, aliases)).toEqual([
      'stacks/src/a.ts: relative import "../../apps/planner/src/args" leaves project stacks; import through a tsconfig alias',
      'stacks/src/a.ts: imports the @cdktf/provider-aws root index; import @cdktf/provider-aws/lib/<resource> instead',
    ]);
  });

  it('allows a stack to import a construct and a relative file of its own', () => {
    const files = [{ path: 'stacks/src/a.ts', text: importing('@llm/constructs/vpc', './b') }];
    expect(findViolations(files, projects, { '@llm/constructs/vpc': 'libs/constructs/vpc/src/index.ts' })).toEqual([]);
  });

  it('allows AGPL test tools in spec files only', () => {
    const files = [
      { path: 'stacks/src/a.spec.ts', text: importing('@cloud-copilot/iam-simulate') },
      { path: 'stacks/src/a.ts', text: importing('@cloud-copilot/iam-simulate') },
    ];
    expect(findViolations(files, projects, aliases)).toEqual([
      'stacks/src/a.ts: imports @cloud-copilot/iam-simulate, which is AGPL-licensed: only *.spec.ts files may use it (never shipped code)',
    ]);
  });
});
