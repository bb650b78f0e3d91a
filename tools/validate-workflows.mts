/**
 * Validates GitHub Actions workflow and action files with GitHub's own parser
 * (@actions/workflow-parser, the one behind the Actions language service): schema, expressions,
 * and the conversion GitHub does before a run (unknown `needs`, bad `if`, reusable-workflow
 * inputs). ESM-only and importing JSON without import attributes, it loads under tsx only:
 * `node --import tsx tools/validate-workflows.mts <file>...`. Prints JSON
 * `{ "files": [ { "file", "errors": [ "..." ] } ] }`; exit 1 when any file has an error.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { ErrorPolicy } from '@actions/workflow-parser/model/convert';

interface FileReport {
  readonly file: string;
  readonly errors: string[];
}

/** Resolves `uses: ./.github/workflows/x.yml` against the repository holding the workflow. */
function repositoryRootOf(file: string): string {
  const workflows = dirname(resolve(file));
  return basename(workflows) === 'workflows' && basename(dirname(workflows)) === '.github' ? dirname(dirname(workflows)) : process.cwd();
}

async function validateWorkflow(file: string, content: string): Promise<string[]> {
  const trace = new NoOperationTraceWriter();
  const parsed = parseWorkflow({ name: file, content }, trace);
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : ['the file holds no workflow'];
  const root = repositoryRootOf(file);
  const template = await convertWorkflowTemplate(
    parsed.context,
    parsed.value,
    {
      getFileContent: async (ref) => {
        if (!('path' in ref) || 'repository' in ref) throw new Error(`only local reusable workflows are checked, got ${JSON.stringify(ref)}`);
        const path = resolve(root, ref.path);
        return { name: ref.path, content: await readFile(path, 'utf8') };
      },
    },
    { fetchReusableWorkflowDepth: 1, errorPolicy: ErrorPolicy.TryConversion },
  );
  return [...parsed.context.errors.getErrors().map((error) => error.message), ...(template.errors ?? []).map((error) => error.Message)];
}

async function validateAction(file: string, content: string): Promise<string[]> {
  const parsed = parseAction({ name: file, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !parsed.value) return errors.length > 0 ? errors : ['the file holds no action'];
  convertActionTemplate(parsed.context, parsed.value);
  return parsed.context.errors.getErrors().map((error) => error.message);
}

async function main(files: readonly string[]): Promise<number> {
  if (files.length === 0) {
    console.error('Usage: node --import tsx tools/validate-workflows.mts <workflow.yml | action.yml>...');
    return 2;
  }
  const reports: FileReport[] = [];
  for (const file of files) {
    let errors: string[];
    try {
      const content = await readFile(file, 'utf8');
      const isAction = /(^|\/)action\.ya?ml$/.test(file);
      errors = [...new Set(await (isAction ? validateAction(file, content) : validateWorkflow(file, content)))];
    } catch (error) {
      errors = [`${(error as Error).message}`];
    }
    reports.push({ file, errors });
  }
  console.log(JSON.stringify({ files: reports }, null, 2));
  return reports.some((report) => report.errors.length > 0) ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
