/**
 * What `npm run new:environment` writes: an environment's config.ts made from a template
 * environment's (name, account, one region with its CIDR and zones adapted; comments and every
 * other setting kept for review), its Nx project (project.json, the same for every environment)
 * and its entry in environments/index.ts. Pure functions of source text, so they are unit-tested.
 */
import { cidrsOverlap, parseCidr, type EnvironmentConfig, type Ipv4Cidr } from '@llm/config';
import { ec2HourlyPrice } from '@llm/pricing';
import * as ts from 'typescript';
import { environmentProject } from './affected';

/**
 * The Nx project of an environment (`environments/<name>/project.json`), identical for every
 * environment but for the name: its tests with INFRA_ENVIRONMENTS=<name>, a cached offline synth
 * into dist/synth/<name>, and the offline plan. tools/new-environment.spec.ts checks that every
 * checked-in project.json is exactly this.
 */
export function environmentProjectJson(name: string): Record<string, unknown> {
  return {
    $schema: '../../node_modules/nx/schemas/project-schema.json',
    name: environmentProject(name),
    projectType: 'application',
    sourceRoot: `environments/${name}`,
    tags: ['type:environment', `scope:${name}`],
    implicitDependencies: ['stacks', 'planner'],
    targets: {
      test: {
        executor: 'nx:run-commands',
        options: {
          command: 'jest "environments/(least-privilege/)?[^/]+[.]spec[.]ts$"',
          cwd: '{workspaceRoot}',
          env: { INFRA_ENVIRONMENTS: name },
        },
      },
      synth: {
        executor: 'nx:run-commands',
        outputs: [`{workspaceRoot}/dist/synth/${name}`],
        options: {
          command: `rm -rf dist/synth/${name} && node --import tsx main.ts`,
          cwd: '{workspaceRoot}',
          env: { INFRA_OFFLINE: '1', INFRA_ENVIRONMENTS: name, CDKTF_OUTDIR: `dist/synth/${name}` },
        },
      },
      plan: {
        executor: 'nx:run-commands',
        options: { command: `node --import tsx apps/planner/src/main.ts --env ${name}`, cwd: '{workspaceRoot}' },
      },
    },
  };
}

export function environmentProjectText(name: string): string {
  return `${JSON.stringify(environmentProjectJson(name), null, 2)}\n`;
}

/**
 * The first `10.N.0.0/16` (N = 10, 20, 30, ...) whose whole block 10.N..10.N+9 no configured region
 * uses: the convention of the checked-in environments (dev 10.10, staging 10.20-21, prod 10.30-32),
 * which leaves each environment room for nine more regions.
 */
export function nextEnvironmentCidr(environments: readonly EnvironmentConfig[]): string {
  const used = environments
    .flatMap((env) => env.regions.map((entry) => parseCidr(entry.vpc.cidr)))
    .filter((cidr): cidr is Ipv4Cidr => typeof cidr !== 'string');
  for (let second = 10; second <= 240; second += 10) {
    const span = Array.from({ length: 10 }, (_, offset) => parseCidr(`10.${second + offset}.0.0/16`)).filter(
      (cidr): cidr is Ipv4Cidr => typeof cidr !== 'string',
    );
    if (!span.some((cidr) => used.some((other) => cidrsOverlap(cidr, other)))) return `10.${second}.0.0/16`;
  }
  throw new Error('no free 10.N.0.0/16 block left for a new environment: pass --cidr');
}

/** A placeholder account id no environment uses (444444444444, 555555555555, ...), to be replaced by the real one. */
export function placeholderAccountId(environments: readonly EnvironmentConfig[]): string {
  const used = new Set(environments.map((env) => env.accountId));
  for (let digit = 4; digit <= 9; digit++) {
    const candidate = String(digit).repeat(12);
    if (!used.has(candidate)) return candidate;
  }
  throw new Error('no placeholder account id left: pass --account');
}

export interface NewEnvironmentOptions {
  /** The new environment's name (the config's `name`, its folder and its export). */
  readonly name: string;
  /** The environment whose config.ts is the template. */
  readonly from: string;
  readonly region: string;
  readonly accountId: string;
  readonly cidr: string;
}

export interface NewConfig {
  readonly source: string;
  /** What the person should know about the result (left-out settings, placeholders). */
  readonly notes: string[];
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applyEdits(text: string, edits: readonly Edit[], offset = 0): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start - offset) + edit.text + result.slice(edit.end - offset);
  }
  return result;
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function propertyOf(object: ts.ObjectLiteralExpression, key: string): ts.PropertyAssignment | undefined {
  return object.properties.find(
    (property): property is ts.PropertyAssignment =>
      ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) && property.name.text === key,
  );
}

function stringLiteralsIn(node: ts.Node): ts.StringLiteral[] {
  const found: ts.StringLiteral[] = [];
  const visit = (child: ts.Node) => {
    if (ts.isStringLiteral(child) || ts.isNoSubstitutionTemplateLiteral(child)) found.push(child as ts.StringLiteral);
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/**
 * The template's config.ts adapted to the new environment: its export and `name`, `accountId`, and
 * `regions` reduced to the template's primary region moved to `options.region` (CIDR, zones with
 * the same letters, workers kept only where libs/pricing prices their instance type). Every other
 * setting and comment is kept; strings naming the template (`platform-dev@example.com`) name the
 * new environment instead.
 */
export function newEnvironmentConfig(templateSource: string, options: NewEnvironmentOptions): NewConfig {
  const file = ts.createSourceFile('config.ts', templateSource, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const notes: string[] = [];
  let call: ts.CallExpression | undefined;
  let exportName: ts.Identifier | undefined;
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const init = declaration.initializer;
      if (
        init &&
        ts.isCallExpression(init) &&
        ts.isIdentifier(init.expression) &&
        init.expression.text === 'defineEnvironment' &&
        ts.isIdentifier(declaration.name)
      ) {
        call = init;
        exportName = declaration.name;
      }
    }
  }
  const object = call?.arguments[0];
  if (!call || !exportName || !object || !ts.isObjectLiteralExpression(object)) {
    throw new Error(`environments/${options.from}/config.ts has no \`export const ${options.from} = defineEnvironment({ ... })\` to copy`);
  }
  const required = (key: string) => {
    const property = propertyOf(object, key);
    if (!property) throw new Error(`environments/${options.from}/config.ts sets no ${key}`);
    return property;
  };
  const regions = required('regions').initializer;
  const first = ts.isArrayLiteralExpression(regions) ? regions.elements[0] : undefined;
  if (!first || !ts.isObjectLiteralExpression(first)) throw new Error(`environments/${options.from}/config.ts: regions[0] is not an object literal`);

  // Inside the copied region: region, CIDR and zones.
  const regionEdits: Edit[] = [];
  const regionProperty = propertyOf(first, 'region');
  const templateRegion = regionProperty && ts.isStringLiteral(regionProperty.initializer) ? regionProperty.initializer.text : undefined;
  if (!regionProperty || templateRegion === undefined) throw new Error(`environments/${options.from}/config.ts: regions[0].region is not a string`);
  regionEdits.push({ start: regionProperty.initializer.getStart(), end: regionProperty.initializer.end, text: quote(options.region) });
  const vpcProperty = propertyOf(first, 'vpc');
  const vpc = vpcProperty?.initializer;
  if (vpc && ts.isObjectLiteralExpression(vpc)) {
    const cidr = propertyOf(vpc, 'cidr');
    if (cidr) regionEdits.push({ start: cidr.initializer.getStart(), end: cidr.initializer.end, text: quote(options.cidr) });
    const zones = propertyOf(vpc, 'availabilityZones')?.initializer;
    if (zones && ts.isArrayLiteralExpression(zones)) {
      for (const zone of zones.elements) {
        if (ts.isStringLiteral(zone) && zone.text.startsWith(templateRegion)) {
          regionEdits.push({ start: zone.getStart(), end: zone.end, text: quote(`${options.region}${zone.text.slice(templateRegion.length)}`) });
        }
      }
    }
  }
  const workers = propertyOf(first, 'workers');
  const instanceType = workers && ts.isObjectLiteralExpression(workers.initializer) ? propertyOf(workers.initializer, 'instanceType')?.initializer : undefined;
  if (workers && instanceType && ts.isStringLiteral(instanceType) && ec2HourlyPrice(options.region, instanceType.text) === undefined) {
    // Its leading comment goes with it; so does the comma after it.
    const comma = templateSource.slice(workers.end).match(/^\s*,/);
    regionEdits.push({ start: workers.getFullStart(), end: workers.end + (comma ? comma[0].length : 0), text: '' });
    notes.push(`left out ${options.from}'s workers: libs/pricing has no EC2 price for ${instanceType.text} in ${options.region}`);
  }
  const regionText = applyEdits(templateSource.slice(first.getStart(), first.end), regionEdits, first.getStart());
  if (ts.isArrayLiteralExpression(regions) && regions.elements.length > 1) {
    notes.push(`kept one region of ${options.from}'s ${regions.elements.length} regions; add more under "Add a region" (README)`);
  }

  const edits: Edit[] = [
    { start: exportName.getStart(), end: exportName.end, text: options.name },
    { start: required('name').initializer.getStart(), end: required('name').initializer.end, text: quote(options.name) },
    { start: required('accountId').initializer.getStart(), end: required('accountId').initializer.end, text: quote(options.accountId) },
    { start: regions.getStart(), end: regions.end, text: `[\n    ${regionText},\n  ]` },
  ];
  // Other strings that name the template (alert addresses, issuer URLs) name the new environment.
  const handled = (node: ts.Node) => edits.some((edit) => node.getStart() >= edit.start && node.end <= edit.end);
  const word = `\\b${options.from}\\b`;
  for (const literal of stringLiteralsIn(object)) {
    if (handled(literal) || !new RegExp(word).test(literal.text)) continue;
    edits.push({ start: literal.getStart(), end: literal.end, text: quote(literal.text.replace(new RegExp(word, 'g'), options.name)) });
  }
  // The module comment: what the file is, then the template's own note.
  const header = /^\/\*\*\s*([\s\S]*?)\s*\*\//.exec(templateSource);
  const templateNote = header?.[1].replace(new RegExp(`^${options.from}:\\s*`), '').replace(/\s*\n\s*\*\s*/g, ' ');
  const comment = `/** ${options.name}: made from ${options.from} by npm run new:environment; review every setting.${templateNote ? ` ${options.from}'s note: ${templateNote}` : ''} */`;
  if (header) edits.push({ start: 0, end: header[0].length, text: comment });
  const source = applyEdits(templateSource, edits);
  return { source: header ? source : `${comment}\n${source}`, notes };
}

/**
 * environments/index.ts with the new environment imported (imports kept sorted by path) and listed
 * in ENVIRONMENTS before `before` (default: the first production environment, so production is
 * still deployed last), or at the end.
 */
export function addToIndex(indexSource: string, name: string, before: string | undefined): string {
  const file = ts.createSourceFile('index.ts', indexSource, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports = file.statements.filter(ts.isImportDeclaration);
  const line = `import { ${name} } from './${name}/config';`;
  const path = (declaration: ts.ImportDeclaration) => (declaration.moduleSpecifier as ts.StringLiteral).text;
  const after = imports.filter((declaration) => path(declaration) < `./${name}/config`).at(-1);
  const edits: Edit[] = [];
  if (after) edits.push({ start: after.end, end: after.end, text: `\n${line}` });
  else edits.push({ start: imports[0]?.getStart() ?? 0, end: imports[0]?.getStart() ?? 0, text: `${line}\n` });

  let list: ts.ArrayLiteralExpression | undefined;
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (
        ts.isIdentifier(declaration.name) &&
        declaration.name.text === 'ENVIRONMENTS' &&
        declaration.initializer &&
        ts.isArrayLiteralExpression(declaration.initializer)
      ) {
        list = declaration.initializer;
      }
    }
  }
  if (!list) throw new Error('environments/index.ts has no `export const ENVIRONMENTS = [...]`');
  const names = list.elements.map((element) => element.getText());
  if (names.includes(name)) throw new Error(`environments/index.ts already lists ${name}`);
  const at = before === undefined ? names.length : names.indexOf(before);
  if (at < 0) throw new Error(`environments/index.ts lists no environment ${before}; it lists ${names.join(', ')}`);
  edits.push({ start: list.getStart(), end: list.end, text: `[${[...names.slice(0, at), name, ...names.slice(at)].join(', ')}]` });
  return applyEdits(indexSource, edits);
}
