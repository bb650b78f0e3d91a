import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planOf, resourceChange } from '../testing/builders';
import { emulatorFixture } from '../testing/emulator';
import { changeGraph, type ChangeGraph, type GraphEdge } from './diagram-graph';

/** `terraform show -json` of dev-us-east-1 planned offline from empty state: 52 creates. */
function offlinePlan(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', 'testing', 'fixtures', 'offline', 'dev-us-east-1.plan.json'), 'utf8')) as Record<string, unknown>;
}

function edge(graph: ChangeGraph, from: string, to: string): GraphEdge | undefined {
  return graph.edges.find((entry) => entry.from.startsWith(from) && entry.to.startsWith(to));
}

describe('changeGraph', () => {
  describe('on a real create-only plan (dev-us-east-1, offline)', () => {
    const graph = changeGraph(offlinePlan());

    it('has one node per managed resource, each created', () => {
      expect(graph.nodes).toHaveLength(52);
      expect(new Set(graph.nodes.map((node) => node.change))).toEqual(new Set(['create']));
      expect(graph.nodes.find((node) => node.type === 'aws_lambda_function')).toMatchObject({
        address: 'aws_lambda_function.ApiFunction_56306EF9',
        name: 'ApiFunction_56306EF9',
        instances: 1,
      });
    });

    it('draws the references of the configuration: function to role, integration to function, subnets to the VPC, role policies to their role', () => {
      expect(edge(graph, 'aws_lambda_function.ApiFunction', 'aws_iam_role.ApiRole')).toMatchObject({ kind: 'reference' });
      expect(edge(graph, 'aws_apigatewayv2_integration.HttpApi_Integration', 'aws_lambda_function.ApiFunction')).toMatchObject({ kind: 'reference' });
      expect(edge(graph, 'aws_iam_role_policy.ApiRole_Policy', 'aws_iam_role.ApiRole')).toMatchObject({ kind: 'reference' });
      expect(edge(graph, 'aws_iam_role_policy.Vpc_FlowLogsRolePolicy', 'aws_iam_role.Vpc_FlowLogsRole')).toMatchObject({ kind: 'reference' });
      const subnets = graph.nodes.filter((node) => node.type === 'aws_subnet');
      expect(subnets).toHaveLength(4);
      for (const subnet of subnets) expect(graph.edges).toContainEqual({ from: subnet.address, to: 'aws_vpc.Vpc_FB0DB6AD', kind: 'reference' });
    });

    it('follows the function environment to the secret it references and the bucket it names', () => {
      expect(edge(graph, 'aws_lambda_function.ApiFunction', 'aws_secretsmanager_secret.ApiKeySecret')).toMatchObject({ kind: 'reference' });
      // OUTPUT_BUCKET_NAME is a literal (cdktf computes names up front), not a reference.
      expect(edge(graph, 'aws_lambda_function.ApiFunction', 'aws_s3_bucket.OutputBucket')).toMatchObject({ kind: 'name' });
    });

    it('follows the ARNs in a role policy to the bucket, secret and log group it grants', () => {
      for (const target of ['aws_s3_bucket.OutputBucket', 'aws_secretsmanager_secret.ApiKeySecret', 'aws_cloudwatch_log_group.ApiFunction_LogGroup']) {
        expect(edge(graph, 'aws_iam_role_policy.ApiRole_Policy', target)).toMatchObject({ kind: 'name' });
      }
    });

    it('does not link namesakes: a function and its role share a name, an alarm naming it points at neither', () => {
      expect(edge(graph, 'aws_cloudwatch_metric_alarm.FunctionAlarms_Errors', 'aws_iam_role.ApiRole')).toBeUndefined();
      expect(edge(graph, 'aws_iam_role.ApiRole', 'aws_lambda_function.ApiFunction')).toBeUndefined();
      expect(edge(graph, 'aws_apigatewayv2_api.HttpApi', 'aws_iam_role.ApiRole')).toBeUndefined();
    });

    it('names the OpenAI API as an external service of the function with OPENAI_* variables', () => {
      expect(graph.externals).toEqual([{ id: 'openai', label: 'OpenAI API (external)', callers: ['aws_lambda_function.ApiFunction_56306EF9'] }]);
    });

    it('holds no attribute value of the plan: names, ARNs and variables stay out', () => {
      const text = JSON.stringify(graph);

      for (const value of [
        'llm-platform-dev-us-east-1-generations-111111111111',
        'openai-api-key',
        'gpt-4.1-mini',
        'arn:aws',
        '111111111111',
        'least-privilege',
      ]) {
        expect(text).not.toContain(value);
      }
    });
  });

  describe('on a real plan of drifted emulator state (dev-us-east-1)', () => {
    const graph = changeGraph(emulatorFixture('drifted.plan'));

    it('marks the five updated resources and leaves the rest unchanged', () => {
      const updated = graph.nodes.filter((node) => node.change === 'update').map((node) => node.address);

      expect(updated).toEqual([
        'aws_cloudwatch_log_group.ApiFunction_LogGroup_9F046BC1',
        'aws_iam_role_policy.ApiRole_Policy_0F1FB48E',
        'aws_lambda_function.ApiFunction_56306EF9',
        'aws_s3_bucket_versioning.OutputBucket_Versioning_F9BEC495',
        'aws_vpc.Vpc_FB0DB6AD',
      ]);
      expect(graph.nodes.filter((node) => node.change === 'unchanged')).toHaveLength(45);
    });

    it('refuses a state given as a plan, naming it', () => {
      expect(() => changeGraph(emulatorFixture('state'), 'state.json')).toThrow(/state\.json/);
    });
  });

  describe('on hand-made plans', () => {
    it('folds the instances of a resource into one node, the riskiest change shown', () => {
      const plan = planOf([
        resourceChange('aws_subnet.private[0]', ['no-op'], {}, {}),
        resourceChange('aws_subnet.private[1]', ['delete', 'create'], {}, {}),
        resourceChange('aws_subnet.private[2]', ['update'], {}, {}),
      ]);

      expect(changeGraph(plan).nodes).toEqual([{ address: 'aws_subnet.private', type: 'aws_subnet', name: 'private', change: 'replace', instances: 3 }]);
    });

    it('passes a data source on: a role policy built from a policy document touches the bucket the document names', () => {
      const plan = planOf(
        [
          resourceChange('aws_s3_bucket.data', ['create'], null, {}),
          resourceChange('aws_iam_role_policy.read', ['create'], null, {}),
          resourceChange('data.aws_iam_policy_document.read', ['read'], null, {}),
        ],
        {
          configuration: {
            root_module: {
              resources: [
                { address: 'aws_s3_bucket.data', mode: 'managed', type: 'aws_s3_bucket', expressions: {} },
                {
                  address: 'data.aws_iam_policy_document.read',
                  mode: 'data',
                  type: 'aws_iam_policy_document',
                  expressions: { statement: [{ resources: { references: ['aws_s3_bucket.data.arn', 'aws_s3_bucket.data'] } }] },
                },
                {
                  address: 'aws_iam_role_policy.read',
                  mode: 'managed',
                  type: 'aws_iam_role_policy',
                  expressions: { policy: { references: ['data.aws_iam_policy_document.read.json', 'data.aws_iam_policy_document.read'] } },
                },
              ],
            },
          },
        },
      );

      const graph = changeGraph(plan);

      expect(graph.nodes.map((node) => node.address)).toEqual(['aws_iam_role_policy.read', 'aws_s3_bucket.data']);
      expect(graph.edges).toEqual([{ from: 'aws_iam_role_policy.read', to: 'aws_s3_bucket.data', kind: 'reference' }]);
    });

    it('resolves references inside a module against that module', () => {
      const plan = planOf([resourceChange('module.net.aws_subnet.a', ['create'], null, {}), resourceChange('module.net.aws_vpc.main', ['create'], null, {})], {
        configuration: {
          root_module: {
            module_calls: {
              net: {
                module: {
                  resources: [
                    { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', expressions: {} },
                    {
                      address: 'aws_subnet.a',
                      mode: 'managed',
                      type: 'aws_subnet',
                      expressions: { vpc_id: { references: ['aws_vpc.main.id', 'aws_vpc.main'] } },
                    },
                  ],
                },
              },
            },
          },
        },
      });

      expect(changeGraph(plan).edges).toEqual([{ from: 'module.net.aws_subnet.a', to: 'module.net.aws_vpc.main', kind: 'reference' }]);
    });

    it("takes a deleted resource's edges from the prior state, the configuration having none for it", () => {
      const plan = planOf([resourceChange('aws_nat_gateway.a', ['delete'], {}, null), resourceChange('aws_eip.nat', ['no-op'], {}, {})], {
        prior_state: {
          format_version: '1.0',
          values: {
            root_module: {
              resources: [
                { address: 'aws_nat_gateway.a', mode: 'managed', type: 'aws_nat_gateway', name: 'a', depends_on: ['aws_eip.nat', 'aws_vpc.gone'] } as never,
              ],
            },
          },
        },
      });

      expect(changeGraph(plan).edges).toEqual([{ from: 'aws_nat_gateway.a', to: 'aws_eip.nat', kind: 'state' }]);
    });
  });
});
