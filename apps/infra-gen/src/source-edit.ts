/**
 * Applies the operations to the source of environments/<env>/config.ts with ts-morph: the object
 * literal passed to `defineEnvironment({...})` is walked by path and only the properties and list
 * elements the operations name are set, inserted or removed, so the rest of the file (comments,
 * formatting, numeric separators) stays as written.
 */
import { Node, Project, SyntaxKind, type ArrayLiteralExpression, type Expression, type ObjectLiteralExpression, type PropertyAssignment } from 'ts-morph';
import type { Json, Operation } from './patch';

export class SourceEditProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceEditProblem';
  }
}

/** The source with the operations applied; throws SourceEditProblem where the source is not plain literals. */
export function editEnvironmentSource(text: string, operations: readonly Operation[], fileName = 'config.ts'): string {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const file = project.createSourceFile(fileName, text, { overwrite: true });
  const call = file
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .find((candidate) => candidate.getExpression().getText() === 'defineEnvironment' && candidate.getArguments().length === 1);
  if (!call || !Node.isObjectLiteralExpression(call.getArguments()[0]))
    throw new SourceEditProblem(`${fileName} has no defineEnvironment({ ... }) call with an object literal`);
  const start = call.getStart();
  // Found again for each operation: a raw text insertion forgets the nodes found before it.
  for (const operation of operations) {
    const found = file.getDescendantsOfKind(SyntaxKind.CallExpression).find((candidate) => candidate.getStart() === start);
    applyToSource(found?.getArguments()[0] as ObjectLiteralExpression, operation);
  }
  return file.getFullText();
}

function applyToSource(root: ObjectLiteralExpression, operation: Operation): void {
  const where = `${operation.op} ${operation.path}`;
  let node: Expression = root;
  const parents = operation.segments.slice(0, -1);
  for (const [depth, segment] of parents.entries()) {
    const next = childExpression(node, segment);
    if (!next) throw new SourceEditProblem(`${where}: ${pointer(operation.segments.slice(0, depth + 1))} is not a literal in the source`);
    node = next;
  }
  const key = operation.segments[operation.segments.length - 1];
  if (Node.isArrayLiteralExpression(node)) {
    editArray(node, key, operation, where);
    return;
  }
  if (!Node.isObjectLiteralExpression(node)) throw new SourceEditProblem(`${where}: ${pointer(parents)} is not an object or list literal in the source`);
  const property = findProperty(node, key);
  if (operation.op === 'remove') {
    if (!property) throw new SourceEditProblem(`${where}: the source does not set ${operation.path}`);
    property.remove();
    return;
  }
  const initializer = writeValue(operation.value as Json);
  if (property) property.setInitializer(initializer);
  else node.addPropertyAssignment({ name: propertyName(key), initializer });
}

function editArray(array: ArrayLiteralExpression, key: string, operation: Operation, where: string): void {
  const elements = array.getElements();
  const index = key === '-' ? elements.length : Number(key);
  if (operation.op === 'add') {
    const text = writeValue(operation.value as Json);
    // A list written one element a line stays so (the regions of every environment file), trailing comma included.
    if (array.getText().includes('\n') && elements.length > 0) {
      const file = array.getSourceFile();
      if (index < elements.length) {
        file.insertText(elements[index].getStart(), `${text},\n${elements[index].getIndentationText()}`);
      } else {
        const last = elements[elements.length - 1];
        const comma = last.getNextSiblingIfKind(SyntaxKind.CommaToken);
        file.insertText(comma ? comma.getEnd() : last.getEnd(), comma ? `\n${last.getIndentationText()}${text},` : `,\n${last.getIndentationText()}${text}`);
      }
      return;
    }
    array.insertElement(index, text);
    return;
  }
  if (!elements[index]) throw new SourceEditProblem(`${where}: the list in the source has no element ${index}`);
  if (operation.op === 'remove') array.removeElement(index);
  else elements[index].replaceWithText(writeValue(operation.value as Json));
}

function childExpression(node: Expression, segment: string): Expression | undefined {
  if (Node.isArrayLiteralExpression(node)) return /^(0|[1-9][0-9]*)$/.test(segment) ? node.getElements()[Number(segment)] : undefined;
  if (Node.isObjectLiteralExpression(node)) return findProperty(node, segment)?.getInitializer();
  return undefined;
}

function findProperty(object: ObjectLiteralExpression, key: string): PropertyAssignment | undefined {
  for (const property of object.getProperties()) {
    if (!Node.isPropertyAssignment(property)) continue;
    const name = property.getNameNode();
    const text = Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) ? name.getLiteralText() : name.getText();
    if (text === key) return property;
  }
  return undefined;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyName(key: string): string {
  return IDENTIFIER.test(key) ? key : quote(key);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A JSON value as a TypeScript literal in the house style: single quotes, bare keys, inline. */
export function writeValue(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(writeValue).join(', ')}]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([key, item]) => `${propertyName(key)}: ${writeValue(item)}`).join(', ')} }`;
}

function pointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${segment}`).join('') || '(root)';
}

/** A unified diff (git apply) of one file, `path` relative to the repository root. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence by dynamic programming: config files are a few hundred lines at most.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const lines: Array<{ kind: ' ' | '-' | '+'; text: string; ai: number; bi: number }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ kind: ' ', text: a[i++], ai: i, bi: ++j });
    else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) lines.push({ kind: '-', text: a[i++], ai: i, bi: j });
    else lines.push({ kind: '+', text: b[j++], ai: i, bi: j });
  }
  const hunks: string[] = [];
  let index = 0;
  while (index < lines.length) {
    if (lines[index].kind === ' ') {
      index++;
      continue;
    }
    const start = Math.max(0, index - context);
    let end = index;
    // Extend through changes separated by at most 2 * context unchanged lines.
    for (let k = index; k < lines.length; k++) {
      if (lines[k].kind !== ' ') end = k;
      else if (k - end > 2 * context) break;
    }
    const stop = Math.min(lines.length, end + context + 1);
    const slice = lines.slice(start, stop);
    const aStart = slice.findIndex((line) => line.kind !== '+');
    const bStart = slice.findIndex((line) => line.kind !== '-');
    const aCount = slice.filter((line) => line.kind !== '+').length;
    const bCount = slice.filter((line) => line.kind !== '-').length;
    const aFirst = aCount === 0 ? slice[0].ai : slice[aStart].ai;
    const bFirst = bCount === 0 ? slice[0].bi : slice[bStart].bi;
    hunks.push(`@@ -${aFirst},${aCount} +${bFirst},${bCount} @@\n${slice.map((line) => `${line.kind}${line.text}`).join('\n')}`);
    index = stop;
  }
  return `--- a/${path}\n+++ b/${path}\n${hunks.join('\n')}\n`;
}
