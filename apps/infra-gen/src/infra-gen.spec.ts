/** The pure parts of `npm run infra`: schema adaptation, patch application, scope refusal, the verdict and the source edit. */
import { ENVIRONMENTS } from '@llm/environments';
import type { Finding } from '@llm/review';
import { strictSchemaProblem } from '@llm/model/testing';
import { checkChange } from './check';
import type { Attempt } from './generate';
import { applyOperations, parseChange, parsePointer, secretsOf, type Json } from './patch';
import { renderFailure } from './render';
import { changeAnswerJsonSchema, configurationJsonSchema, schemaAt, toStrictSchema, type ChangeAnswer } from './schema';
import { editEnvironmentSource, unifiedDiff, writeValue } from './source-edit';
import { verdict, type StackOutcome } from './verdict';
import {
  ADD_REGION,
  ADD_REGION_OVERLAPPING,
  AWS_SECRET_KEY_IN_ANSWER,
  NEW_STAGING_REGION,
  OVERLAP_PROBLEM,
  CHANGE_ACCOUNT,
  OPENAI_KEY_IN_ANSWER,
} from './testing/scripted-answers';

const schema = configurationJsonSchema();
const change = (environment: string, changes: ChangeAnswer['changes']): ChangeAnswer => ({ environment, summary: 'test', changes });
const op = (o: 'add' | 'replace' | 'remove', path: string, value?: unknown) => ({
  op: o,
  path,
  valueJson: value === undefined ? null : JSON.stringify(value),
  reason: 'test',
});

describe('configurationJsonSchema', () => {
  it('is accepted by strict structured outputs, as the answer schema is', () => {
    expect(strictSchemaProblem(schema)).toBeUndefined();
    expect(strictSchemaProblem(changeAnswerJsonSchema(['dev', 'staging', 'prod']))).toBeUndefined();
  });

  it('requires every property, makes optional ones nullable and moves dropped keywords into the description', () => {
    const adapted = toStrictSchema({
      type: 'object',
      properties: {
        id: { type: 'string', pattern: '^\\d{12}$' },
        memory: { type: 'integer', minimum: 128, maximum: Number.MAX_SAFE_INTEGER },
        nat: { type: 'string', enum: ['none', 'single'] },
      },
      required: ['id'],
    });
    expect(adapted).toEqual({
      type: 'object',
      properties: {
        id: { type: 'string', description: 'matches /^\\d{12}$/' },
        memory: { type: ['integer', 'null'], description: '>= 128' },
        nat: { type: ['string', 'null'], enum: ['none', 'single', null] },
      },
      required: ['id', 'memory', 'nat'],
      additionalProperties: false,
    });
  });

  it('keeps no keyword strict mode rejects, anywhere', () => {
    const text = JSON.stringify(schema);
    for (const keyword of ['"pattern"', '"format"', '"minItems"', '"maximum"', '"default"', '"propertyNames"', '"$schema"'])
      expect(text).not.toContain(keyword);
  });

  it('resolves JSON Pointers to settings, and names the known ones when a path is wrong', () => {
    expect(schemaAt(schema, ['regions', '1', 'vpc', 'nat'])).toEqual({ schema: expect.objectContaining({ enum: ['none', 'single', 'per-az'] }) });
    expect(schemaAt(schema, ['lambda', 'memory'])).toEqual({
      problem: expect.stringContaining('/lambda/memory is not a setting (known under /lambda: memoryMb, timeoutSeconds'),
    });
    expect(schemaAt(schema, ['usage', 'modelMix', 'gpt-4.1'])).toEqual({ schema: {} });
  });
});

describe('parseChange', () => {
  it('refuses the account id before anything else happens', () => {
    const parsed = parseChange(JSON.parse(CHANGE_ACCOUNT) as ChangeAnswer, { environment: 'dev', configurationSchema: schema });
    expect(parsed.problems).toEqual([expect.stringContaining('/accountId may not be changed by this tool')]);
  });

  it('refuses a whole object that holds a protected field, another environment, and secrets, all at once', () => {
    const parsed = parseChange(
      change('staging', [
        op('replace', '/ci', { githubRepository: 'evil/repo' }),
        op('add', '/tags/owner', 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD'),
        op('replace', '/lambda/memoryMb', 2048),
      ]),
      { environment: 'dev', configurationSchema: schema },
    );
    expect(parsed.problems).toEqual([
      'the change is for environment "staging", but only "dev" may be changed (--env dev)',
      expect.stringContaining('operation 1 (replace /ci): /ci/githubRepository may not be changed'),
      expect.stringContaining('operation 2 (add /tags/owner): the value holds what looks like a secret'),
    ]);
    expect(parsed.operations.map((operation) => operation.path)).toEqual(['/lambda/memoryMb']);
  });

  it('refuses a lone AWS secret access key, a key as a map key or a path, and secrets in the summary or a reason, never repeating them', () => {
    const parsed = parseChange(
      {
        ...change('dev', [
          op('replace', '/tags/costCenter', AWS_SECRET_KEY_IN_ANSWER),
          op('add', `/usage/modelMix/${OPENAI_KEY_IN_ANSWER}`, 0.5),
          op('replace', '/usage/modelMix', { [OPENAI_KEY_IN_ANSWER]: 1 }),
          { ...op('replace', '/lambda/memoryMb', 2048), reason: `as ${OPENAI_KEY_IN_ANSWER} asked` },
        ]),
        summary: `uses ${OPENAI_KEY_IN_ANSWER}`,
      },
      { environment: 'dev', configurationSchema: schema },
    );
    expect(parsed.problems).toEqual([
      'the summary holds what looks like a secret (an OpenAI API key); never repeat a secret',
      expect.stringContaining('operation 1 (replace /tags/costCenter): the value holds what looks like a secret (an AWS secret access key)'),
      expect.stringContaining('operation 2 (add /usage/modelMix/(an OpenAI API key, withheld)): the path holds what looks like a secret (an OpenAI API key)'),
      expect.stringContaining('operation 3 (replace /usage/modelMix): the value holds what looks like a secret (an OpenAI API key)'),
      expect.stringContaining('operation 4 (replace /lambda/memoryMb): the reason holds what looks like a secret (an OpenAI API key)'),
    ]);
    for (const problem of parsed.problems) {
      expect(problem).not.toContain(OPENAI_KEY_IN_ANSWER);
      expect(problem).not.toContain(AWS_SECRET_KEY_IN_ANSWER);
    }
  });

  it('takes no setting of the current environments for a secret', () => {
    for (const input of ENVIRONMENTS) expect({ name: input.name, secrets: secretsOf([], input as unknown as Json) }).toEqual({ name: input.name, secrets: [] });
  });

  it('reads RFC 6901 escapes', () => {
    expect(parsePointer('/usage/modelMix/a~1b~0c')).toEqual(['usage', 'modelMix', 'a/b~c']);
    expect(parsePointer('regions')).toBeUndefined();
  });
});

describe('applyOperations', () => {
  const input = { regions: [{ region: 'a' }, { region: 'b' }], lambda: { memoryMb: 512 } };
  const ops = (answer: ChangeAnswer) => parseChange(answer, { environment: undefined, configurationSchema: schema }).operations;

  it('adds, appends, replaces and removes on a copy', () => {
    const result = applyOperations(
      input,
      ops(
        change('dev', [
          op('add', '/regions/1', { region: 'x' }),
          op('add', '/regions/-', { region: 'z' }),
          op('replace', '/lambda/memoryMb', 1024),
          op('remove', '/regions/0'),
        ]),
      ),
    );
    expect(result).toEqual({ value: { regions: [{ region: 'x' }, { region: 'b' }, { region: 'z' }], lambda: { memoryMb: 1024 } } });
    expect(input.regions).toHaveLength(2);
  });

  it('says which operation cannot apply', () => {
    expect(applyOperations(input, ops(change('dev', [op('replace', '/lambda/reservedConcurrency', 5)])))).toEqual({
      problem: 'operation 1 (replace /lambda/reservedConcurrency): /lambda/reservedConcurrency is not set, so it cannot be replaced (use add)',
    });
    expect(applyOperations(input, ops(change('dev', [op('remove', '/regions/5')])))).toEqual({
      problem: 'operation 1 (remove /regions/5): index 5 does not exist (2 items)',
    });
  });
});

describe('checkChange', () => {
  it('refuses an overlapping CIDR with the validation of every environment', () => {
    const result = checkChange(JSON.parse(ADD_REGION_OVERLAPPING) as ChangeAnswer, {
      inputs: ENVIRONMENTS,
      environment: 'staging',
      configurationSchema: schema,
    });
    expect(result).toEqual({
      ok: false,
      environment: 'staging',
      problems: [expect.stringContaining(OVERLAP_PROBLEM)],
    });
  });

  it('returns the changed inputs, with the others untouched', () => {
    const result = checkChange(JSON.parse(ADD_REGION) as ChangeAnswer, { inputs: ENVIRONMENTS, environment: 'staging', configurationSchema: schema });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    const staging = ENVIRONMENTS.findIndex((env) => env.name === 'staging');
    const configured = (ENVIRONMENTS[staging] as { regions: Array<{ region: string }> }).regions.map((entry) => entry.region);
    expect(result.validated.regions.map((entry) => entry.region)).toEqual([...configured, NEW_STAGING_REGION]);
    expect(result.inputs.filter((_, index) => index !== staging)).toEqual(ENVIRONMENTS.filter((_, index) => index !== staging));
    expect((ENVIRONMENTS[staging] as { regions: unknown[] }).regions).toHaveLength(configured.length);
  });
});

describe('renderFailure', () => {
  it('prints a refused answer with its values, except those that look like secrets', () => {
    const answer = change('dev', [
      op('replace', '/tags/owner', OPENAI_KEY_IN_ANSWER),
      op('replace', '/tags/costCenter', AWS_SECRET_KEY_IN_ANSWER),
      op('replace', '/lambda/memoryMb', 2048),
    ]);
    const attempt: Attempt = { number: 1, answer, failure: 'invalid', problems: ['a problem'], check: undefined, proof: undefined };

    const text = renderFailure([attempt]);

    expect(text).toContain('  replace /tags/owner = (withheld: looks like an OpenAI API key)\n');
    expect(text).toContain('  replace /tags/costCenter = (withheld: looks like an AWS secret access key)\n');
    expect(text).toContain('  replace /lambda/memoryMb = 2048\n');
    expect(text).not.toContain(OPENAI_KEY_IN_ANSWER);
    expect(text).not.toContain(AWS_SECRET_KEY_IN_ANSWER);
  });
});

describe('verdict', () => {
  const finding = (rule: string, severity: Finding['severity'] = 'medium'): Finding => ({ rule, severity, address: 'aws_vpc.Vpc', message: 'replaced' });
  const cost = (before: number, after: number) => ({
    region: 'us-east-1',
    monthlyUsd: { before, after, delta: after - before },
    fixedUsd: 0,
    usageUsd: 0,
    unpriced: [],
    lines: [],
  });
  const summary = { create: 0, update: 0, delete: 0, replace: 1, noop: 0 };
  const stacks: StackOutcome[] = [
    { name: 'dev-us-east-1', kind: 'changed', summary, findings: [finding('destructive-change'), finding('missing-tags')], cost: cost(20, 130) },
    { name: 'dev-global', kind: 'unchanged', summary, findings: [finding('iam-broadening')], cost: cost(0, 5) },
  ];

  it('fails on destructive findings and on a budget overrun, counting unchanged stacks on both sides', () => {
    const result = verdict(stacks, 100, []);
    expect(result.failures).toEqual([
      'destructive: dev-us-east-1 aws_vpc.Vpc: replaced (destructive-change, medium)',
      'cost: the monthly estimate of $135.00 (+$110.00) is above the budget of $100.00',
    ]);
    expect(result.cost).toEqual({ beforeUsd: 25, afterUsd: 135, deltaUsd: 110, budgetUsd: 100, unpriced: [] });
  });

  it('passes what --accept names, and lists it as accepted', () => {
    const result = verdict(stacks, 100, ['destructive', 'cost']);
    expect(result.failures).toEqual([]);
    expect(result.accepted).toHaveLength(2);
  });
});

describe('editEnvironmentSource', () => {
  const source = `/** dev: a comment that must survive. */
import { defineEnvironment } from '@llm/config';

export const dev = defineEnvironment({
  name: 'dev',
  regions: [
    {
      region: 'us-east-1',
      // Zones listed by hand.
      vpc: { cidr: '10.10.0.0/16', availabilityZones: ['us-east-1a'], nat: 'none' },
    },
  ],
  usage: { requestsPerMonth: 20_000, modelMix: { 'gpt-4.1-mini': 1 } },
  lambda: { memoryMb: 512, timeoutSeconds: 29 }, // trailing comment
});
`;
  const ops = (...changes: ChangeAnswer['changes']) => parseChange(change('dev', changes), { environment: 'dev', configurationSchema: schema }).operations;

  it('sets, inserts and removes by path and keeps comments and numeric separators', () => {
    const edited = editEnvironmentSource(
      source,
      ops(
        op('replace', '/lambda/memoryMb', 2048),
        op('add', '/lambda/reservedConcurrency', 5),
        op('add', '/regions/0/vpc/availabilityZones/-', 'us-east-1b'),
        op('add', '/regions/-', { region: 'eu-north-1', vpc: { cidr: '10.11.0.0/16', availabilityZones: ['eu-north-1a'], nat: 'single' } }),
        op('replace', '/usage/modelMix/gpt-4.1-mini', 0.5),
        op('remove', '/regions/0/vpc/nat'),
      ),
    );
    expect(edited).toContain('/** dev: a comment that must survive. */');
    expect(edited).toContain('// Zones listed by hand.');
    expect(edited).toContain('// trailing comment');
    expect(edited).toContain('requestsPerMonth: 20_000');
    expect(edited).toContain("availabilityZones: ['us-east-1a', 'us-east-1b']");
    expect(edited).toContain("{ region: 'eu-north-1', vpc: { cidr: '10.11.0.0/16', availabilityZones: ['eu-north-1a'], nat: 'single' } }");
    expect(edited).toContain("'gpt-4.1-mini': 0.5");
    expect(edited).toMatch(/memoryMb: 2048, timeoutSeconds: 29,?\s*reservedConcurrency: 5/);
    expect(edited).not.toContain("nat: 'none'");
  });

  it('refuses a path the source does not spell out as literals', () => {
    expect(() =>
      editEnvironmentSource(source.replace('lambda: { memoryMb: 512, timeoutSeconds: 29 }', 'lambda: LAMBDA'), ops(op('replace', '/lambda/memoryMb', 1024))),
    ).toThrow('replace /lambda/memoryMb: /lambda is not an object or list literal in the source');
  });

  it('writes values in the house style', () => {
    expect(writeValue({ a: "it's", 'b-c': [1, true, null] })).toBe("{ a: 'it\\'s', 'b-c': [1, true, null] }");
  });
});

describe('unifiedDiff', () => {
  it('writes hunks git apply reads: removals before additions, with context', () => {
    expect(unifiedDiff('f.ts', 'a\nb\nc\nd\n', 'a\nB\nc\nd\n', 1)).toBe('--- a/f.ts\n+++ b/f.ts\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
    expect(unifiedDiff('f.ts', 'same', 'same')).toBe('');
  });
});
