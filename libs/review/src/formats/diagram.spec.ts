import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planOf, resourceChange } from '../testing/builders';
import { emulatorFixture } from '../testing/emulator';
import { mermaidFlowchart, type Flowchart } from './diagram';
import { changeGraph, type ChangeGraph } from './diagram-graph';

function offlineGraph(): ChangeGraph {
  return changeGraph(JSON.parse(readFileSync(join(__dirname, '..', 'testing', 'fixtures', 'offline', 'dev-us-east-1.plan.json'), 'utf8')));
}

interface DrawnNode {
  readonly id: string;
  readonly label: string;
  readonly style: string;
}

/** Resource nodes (`id["label"]:::style`, not the legend's nor the count nodes) and edges of a flowchart's source. */
function parse(flowchart: Flowchart): { nodes: DrawnNode[]; edges: Array<[string, string, string]> } {
  const body = flowchart.source.slice(0, flowchart.source.indexOf('  subgraph legend'));
  const nodes = [...body.matchAll(/^ {2}(\S+)\["(.*)"\]:::(\w+)$/gm)]
    .map(([, id, label, style]) => ({ id, label, style }))
    .filter((node) => !['changes_left_out', 'unchanged_rest'].includes(node.id));
  const edges = [...body.matchAll(/^ {2}(\S+) (-->|-\.->) (\S+)$/gm)].map(([, from, arrow, to]): [string, string, string] => [from, arrow, to]);
  return { nodes, edges };
}

function must(flowchart: Flowchart | undefined): Flowchart {
  if (!flowchart) throw new Error('expected a flowchart');
  return flowchart;
}

describe('mermaidFlowchart', () => {
  describe('of the real drifted plan (five updates among 50 resources)', () => {
    const flowchart = must(mermaidFlowchart(changeGraph(emulatorFixture('drifted.plan'))));
    const { nodes, edges } = parse(flowchart);

    it('is a left-to-right flowchart with a class per change and a legend', () => {
      const lines = flowchart.source.split('\n');

      expect(lines[0]).toBe('flowchart LR');
      for (const name of ['create', 'update', 'replace', 'delete', 'unchanged', 'external'])
        expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  classDef ${name} fill:#`)));
      expect(flowchart.source).toContain(
        [
          '  subgraph legend["Legend"]',
          '    legend_create["created"]:::create',
          '    legend_update["updated"]:::update',
          '    legend_replace["replaced"]:::replace',
          '    legend_delete["deleted"]:::delete',
          '    legend_unchanged["unchanged"]:::unchanged',
          '  end',
        ].join('\n'),
      );
    });

    it('draws the updated resources by type and short name, then their unchanged neighbours', () => {
      expect(nodes.filter((node) => node.style === 'update')).toEqual([
        { id: 'ApiFunction_LogGroup_9F046BC1', label: 'aws_cloudwatch_log_group<br/>ApiFunction_LogGroup', style: 'update' },
        { id: 'ApiRole_Policy_0F1FB48E', label: 'aws_iam_role_policy<br/>ApiRole_Policy', style: 'update' },
        { id: 'ApiFunction_56306EF9', label: 'aws_lambda_function<br/>ApiFunction', style: 'update' },
        { id: 'OutputBucket_Versioning_F9BEC495', label: 'aws_s3_bucket_versioning<br/>OutputBucket_Versioning', style: 'update' },
        { id: 'Vpc_FB0DB6AD', label: 'aws_vpc<br/>Vpc', style: 'update' },
      ]);
      const neighbours = nodes.filter((node) => node.style === 'unchanged').map((node) => node.label);
      expect(neighbours).toEqual(
        expect.arrayContaining([
          'aws_iam_role<br/>ApiRole',
          'aws_s3_bucket<br/>OutputBucket',
          'aws_secretsmanager_secret<br/>ApiKeySecret',
          'aws_subnet<br/>Vpc_PrivateSubnetA',
          'aws_apigatewayv2_integration<br/>HttpApi_Integration',
        ]),
      );
      // Not next to any change: folded into the count.
      expect(neighbours).not.toContain('aws_sns_topic<br/>AlertTopic');
      expect(flowchart).toMatchObject({ drawn: 22, changesLeftOut: 0, unchangedFolded: 28 });
      expect(flowchart.source).toContain('  unchanged_rest["+ 28 unchanged"]:::unchanged');
    });

    it('draws references solid and names written out dotted, and the OpenAI API the function calls', () => {
      expect(edges).toContainEqual(['ApiFunction_56306EF9', '-->', 'ApiRole_F3A6151F']);
      expect(edges).toContainEqual(['ApiFunction_56306EF9', '-->', 'ApiKeySecret_4AABF51D']);
      expect(edges).toContainEqual(['ApiFunction_56306EF9', '-.->', 'OutputBucket_1D5F344F']);
      expect(edges).toContainEqual(['Vpc_PrivateSubnetA_43FE330F', '-->', 'Vpc_FB0DB6AD']);
      expect(edges).toContainEqual(['ApiFunction_56306EF9', '-.->', 'ext_openai']);
      expect(flowchart.source).toContain('  ext_openai(["OpenAI API (external)"]):::external');
    });

    it('only links nodes it draws', () => {
      const ids = new Set([...nodes.map((node) => node.id), 'ext_openai']);

      for (const [from, , to] of edges) expect([from, to].filter((id) => !ids.has(id))).toEqual([]);
    });
  });

  describe('of the real create-only plan (52 creates)', () => {
    it('draws every resource when they fit, with nothing folded', () => {
      const flowchart = must(mermaidFlowchart(offlineGraph()));

      expect(flowchart).toMatchObject({ drawn: 52, changesLeftOut: 0, unchangedFolded: 0 });
      expect(flowchart.source).not.toContain('unchanged_rest');
    });

    it('stops at maxNodes and counts the changes left out in one node', () => {
      const flowchart = must(mermaidFlowchart(offlineGraph(), { maxNodes: 20 }));
      const { nodes } = parse(flowchart);

      expect(nodes.filter((node) => node.style === 'create')).toHaveLength(20);
      expect(flowchart.source).toContain('  changes_left_out["+ 32 more changes not drawn"]:::leftout');
      expect(flowchart).toMatchObject({ drawn: 20, changesLeftOut: 32 });
    });

    it('keeps the most connected changes when it must leave some out', () => {
      const labels = parse(must(mermaidFlowchart(offlineGraph(), { maxNodes: 12 }))).nodes.map((node) => node.label);

      for (const hub of ['aws_vpc<br/>Vpc', 'aws_lambda_function<br/>ApiFunction', 'aws_s3_bucket<br/>OutputBucket', 'aws_apigatewayv2_api<br/>HttpApi'])
        expect(labels).toContain(hub);
      expect(labels).not.toContain('aws_cloudwatch_metric_alarm<br/>FunctionAlarms_Throttles');
    });

    it('draws the same picture with compact ids in fewer characters', () => {
      const named = must(mermaidFlowchart(offlineGraph()));
      const compact = must(mermaidFlowchart(offlineGraph(), { compactIds: true }));

      expect(parse(compact).nodes.map((node) => node.label)).toEqual(parse(named).nodes.map((node) => node.label));
      expect(parse(compact).edges).toHaveLength(parse(named).edges.length);
      expect(parse(compact).nodes[0].id).toBe('r1');
      expect(compact.source.length).toBeLessThan(named.source.length * 0.8);
    });
  });

  it('keeps replacements and deletions first when it must leave changes out', () => {
    const plan = planOf([
      ...Array.from({ length: 10 }, (_, index) => resourceChange(`aws_sqs_queue.new${index}`, ['create'], null, {})),
      resourceChange('aws_s3_bucket.data', ['delete', 'create'], {}, {}),
      resourceChange('aws_dynamodb_table.jobs', ['delete'], {}, null),
    ]);

    const { nodes } = parse(must(mermaidFlowchart(changeGraph(plan), { maxNodes: 3 })));

    expect(nodes.map((node) => node.style)).toEqual(['replace', 'delete', 'create']);
  });

  it('makes a valid, unique Mermaid id of any name and keeps labels to plain characters', () => {
    const names = ['end', 'graph', '1st', 'a-b', 'a_b', 'legend', 'unchanged_rest', 'x"];click x call evil()%%'];
    const plan = planOf(names.map((name) => resourceChange(`aws_sqs_queue.${name}`, ['create'], null, {})));

    const { nodes } = parse(must(mermaidFlowchart(changeGraph(plan))));

    const ids = nodes.map((node) => node.id);
    expect(ids).toHaveLength(names.length);
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(names.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    for (const reserved of ['end', 'graph', 'legend', 'unchanged_rest']) expect(ids).not.toContain(reserved);
    for (const node of nodes) expect(node.label).toMatch(/^[A-Za-z0-9_.\-/ ()+]+<br\/>[A-Za-z0-9_.\-/ ()+]+$/);
  });

  it('draws nothing for a plan that changes nothing (a refresh-only plan)', () => {
    expect(mermaidFlowchart(changeGraph(emulatorFixture('refresh-only.plan')))).toBeUndefined();
  });
});
