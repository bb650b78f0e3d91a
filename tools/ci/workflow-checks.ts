/**
 * Checks on the workflow files that GitHub's parser cannot make, because they need this
 * repository: every command a `run:` step calls exists (npm scripts, Nx projects and targets,
 * files run through tsx, the cdktf CLI), every action is pinned to a commit, every job is
 * bounded in time and holds only the permissions its steps need.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { NxProjectTargets } from './nx';

export interface WorkflowFile {
  /** Path relative to the workspace root, e.g. `.github/workflows/pr.yml`. */
  readonly path: string;
  readonly text: string;
}

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly if?: string;
}

export interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly 'runs-on'?: unknown;
  readonly 'timeout-minutes'?: number;
  readonly permissions?: Record<string, string> | string;
  readonly environment?: unknown;
  readonly concurrency?: { readonly group?: string; readonly 'cancel-in-progress'?: boolean } | string;
  readonly strategy?: { readonly matrix?: Record<string, unknown> };
  readonly outputs?: Record<string, string>;
  readonly env?: Record<string, unknown>;
  readonly steps?: Step[];
}

export interface Workflow {
  readonly name?: string;
  readonly on?: unknown;
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, unknown>;
  readonly jobs?: Record<string, Job>;
  /** Composite actions (action.yml). */
  readonly runs?: { readonly using?: string; readonly steps?: Step[] };
}

export function parseWorkflow(file: WorkflowFile): Workflow {
  return parse(file.text) as Workflow;
}

export interface WorkspaceFacts {
  readonly root: string;
  /** package.json scripts. */
  readonly scripts: Readonly<Record<string, string>>;
  readonly projects: readonly NxProjectTargets[];
}

export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs]);

/** Every step of a workflow or composite action, with the job it belongs to (undefined for an action). */
export function stepsOf(workflow: Workflow): Array<{ readonly jobId: string | undefined; readonly step: Step }> {
  if (workflow.runs?.steps) return workflow.runs.steps.map((step) => ({ jobId: undefined, step }));
  return Object.entries(workflow.jobs ?? {}).flatMap(([jobId, job]) => (job.steps ?? []).map((step) => ({ jobId, step })));
}

const PINNED = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;
const CDKTF_COMMANDS = ['synth', 'deploy', 'diff', 'destroy', 'output', 'list', 'get'];

/** Problems with the `run:` commands, the `uses:` references and the job graph of one file. */
export function referenceProblems(file: WorkflowFile, workflow: Workflow, facts: WorkspaceFacts): string[] {
  const problems: string[] = [];
  const where = (jobId: string | undefined) => (jobId ? `${file.path} job ${jobId}` : file.path);
  const hasTarget = (target: string) => facts.projects.some((project) => project.targets.includes(target));

  for (const { jobId, step } of stepsOf(workflow)) {
    if (step.uses) problems.push(...usesProblems(step.uses, where(jobId), file, facts.root));
    for (const line of logicalLines(step.run ?? '')) {
      for (const match of line.matchAll(/\bnpm run ([\w:.-]+)/g)) {
        if (!facts.scripts[match[1]]) problems.push(`${where(jobId)}: "npm run ${match[1]}": package.json has no script "${match[1]}"`);
      }
      for (const match of line.matchAll(/\bnpm (start|test)\b/g)) {
        if (!facts.scripts[match[1]]) problems.push(`${where(jobId)}: "npm ${match[1]}": package.json has no script "${match[1]}"`);
      }
      for (const match of line.matchAll(/\bnx run ([\w-]+):([\w-]+)/g)) {
        const project = facts.projects.find((candidate) => candidate.name === match[1]);
        if (!project) problems.push(`${where(jobId)}: "nx run ${match[1]}:${match[2]}": no Nx project "${match[1]}"`);
        else if (!project.targets.includes(match[2]))
          problems.push(`${where(jobId)}: "nx run ${match[1]}:${match[2]}": project ${match[1]} has no target "${match[2]}"`);
      }
      for (const target of nxAffectedTargets(line)) {
        if (!hasTarget(target)) problems.push(`${where(jobId)}: "nx affected" runs target "${target}", which no Nx project has`);
      }
      for (const match of line.matchAll(/\bnode --import tsx ([\w./-]+)/g)) {
        if (!existsSync(join(facts.root, match[1]))) problems.push(`${where(jobId)}: "node --import tsx ${match[1]}": no such file`);
      }
      for (const match of line.matchAll(/\bnpx cdktf (\S+)/g)) {
        if (!existsSync(join(facts.root, 'node_modules', '.bin', 'cdktf'))) problems.push(`${where(jobId)}: "npx cdktf": cdktf-cli is not installed`);
        if (!CDKTF_COMMANDS.includes(match[1])) problems.push(`${where(jobId)}: "npx cdktf ${match[1]}": not a cdktf command (${CDKTF_COMMANDS.join(', ')})`);
      }
    }
  }

  const jobs = workflow.jobs ?? {};
  for (const [jobId, job] of Object.entries(jobs)) {
    const needs = needsOf(job);
    for (const need of needs) {
      if (!jobs[need]) problems.push(`${where(jobId)}: needs "${need}", which is no job of this workflow`);
    }
    if (job.uses) problems.push(...usesProblems(job.uses, where(jobId), file, facts.root));
    // needs.<job> in expressions must name a job this one waits for, or it reads nothing.
    const text = JSON.stringify(job);
    for (const match of text.matchAll(/\bneeds\.([\w-]+)\./g)) {
      if (!needs.includes(match[1])) problems.push(`${where(jobId)}: reads needs.${match[1]} but does not list "${match[1]}" in needs`);
    }
    const stepIds = new Set((job.steps ?? []).map((step) => step.id).filter(Boolean));
    for (const match of text.matchAll(/\bsteps\.([\w-]+)\./g)) {
      if (!stepIds.has(match[1])) problems.push(`${where(jobId)}: reads steps.${match[1]} but no step has id "${match[1]}"`);
    }
  }
  return [...new Set(problems)];
}

function usesProblems(uses: string, where: string, file: WorkflowFile, root: string): string[] {
  if (uses.startsWith('./')) {
    const target = join(root, uses);
    const ok = uses.endsWith('.yml') || uses.endsWith('.yaml') ? existsSync(target) : existsSync(join(target, 'action.yml'));
    return ok ? [] : [`${where}: uses ${uses}, which does not exist in this repository`];
  }
  if (!PINNED.test(uses)) return [`${where}: uses ${uses}: pin actions to a full 40-character commit SHA`];
  const line = file.text.split('\n').find((candidate) => candidate.includes(uses));
  if (!line || !/#\s*v\d/.test(line)) return [`${where}: uses ${uses} without a "# vX.Y.Z" comment naming the version`];
  return [];
}

/** A shell script's lines with backslash continuations joined. */
function logicalLines(script: string): string[] {
  return script.replace(/\\\n\s*/g, ' ').split('\n');
}

/** Targets of `nx affected -t a b`, `--target=a`, `--targets=a,b` on one line. */
export function nxAffectedTargets(line: string): string[] {
  const match = /\bnx affected\b(.*)$/.exec(line);
  if (!match) return [];
  const words = match[1].trim().split(/\s+/);
  const targets: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '-t' || word === '--target' || word === '--targets') {
      for (let j = i + 1; j < words.length && !words[j].startsWith('-'); j++) targets.push(...words[j].split(','));
    } else {
      const inline = /^--targets?=(.+)$/.exec(word);
      if (inline) targets.push(...inline[1].split(','));
    }
  }
  return targets.filter(Boolean);
}

const CONFIGURE_AWS = 'aws-actions/configure-aws-credentials@';
const GITHUB_SCRIPT = 'actions/github-script@';
const UPLOAD_SARIF = 'github/codeql-action/upload-sarif@';

/** Least privilege: read-only by default, OIDC and write scopes only where a step needs them. */
export function permissionProblems(file: WorkflowFile, workflow: Workflow, callee: (uses: string) => Workflow | undefined): string[] {
  if (workflow.runs) return [];
  const problems: string[] = [];
  const top = workflow.permissions;
  if (typeof top !== 'object' || Object.keys(top).length !== 1 || top.contents !== 'read') {
    problems.push(`${file.path}: top-level permissions must be exactly { contents: read }, got ${JSON.stringify(top)}`);
  }
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const where = `${file.path} job ${jobId}`;
    const permissions = job.permissions;
    if (typeof permissions === 'string') {
      problems.push(`${where}: permissions "${permissions}": list the scopes the job needs`);
      continue;
    }
    const granted = permissions ?? {};
    const steps = job.uses ? stepsOf(callee(job.uses) ?? {}).map((entry) => entry.step) : (job.steps ?? []);
    const usesAction = (prefix: string) => steps.some((step) => step.uses?.startsWith(prefix));
    const oidc = usesAction(CONFIGURE_AWS);
    if (oidc && granted['id-token'] !== 'write') problems.push(`${where}: assumes an AWS role through OIDC but lacks "id-token: write"`);
    if (!oidc && granted['id-token'] === 'write') problems.push(`${where}: has "id-token: write" but assumes no AWS role`);
    for (const [scope, level] of Object.entries(granted)) {
      if (level !== 'write' || scope === 'id-token') continue;
      // Code scanning uploads are the one write a job may hold without a github-script step.
      if (scope === 'security-events') {
        if (!usesAction(UPLOAD_SARIF)) problems.push(`${where}: "security-events: write" without an upload-sarif step that uses it`);
      } else if (!usesAction(GITHUB_SCRIPT)) {
        problems.push(`${where}: "${scope}: write" without a github-script step that uses it`);
      }
    }
    if (!job.uses && job['timeout-minutes'] === undefined) problems.push(`${where}: no timeout-minutes (GitHub's default is 6 hours)`);
  }
  return problems;
}
