import { resolve } from 'node:path';
import { loadProjects, PROJECT_TYPES } from './module-boundaries';

describe('module boundaries of this workspace', () => {
  const projects = loadProjects(resolve(__dirname, '..'));

  it('tags every project with a type the ESLint boundary rules know (an untagged project would be unconstrained)', () => {
    expect(
      projects.filter((project) => !(PROJECT_TYPES as readonly string[]).includes(project.type)).map((project) => `${project.root}: ${project.type}`),
    ).toEqual([]);
    expect(projects.length).toBeGreaterThanOrEqual(10);
  });
});
