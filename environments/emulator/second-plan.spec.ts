import type { PlanJson } from '@llm/terraform';
import { expectedGaps, judgeSecondPlan } from './second-plan';

const update = (address: string, type: string, before: Record<string, unknown>, after: Record<string, unknown>) => ({
  address,
  type,
  mode: 'managed' as const,
  change: { actions: ['update' as const], before, after, after_unknown: {} },
});

describe('judgeSecondPlan', () => {
  it('lets a named fidelity gap through and reports it as seen', () => {
    const plan: PlanJson = {
      format_version: '1.2',
      resource_changes: [update('aws_lambda_function.Fn', 'aws_lambda_function', { logging_config: [] }, { logging_config: [{ log_format: 'JSON' }] })],
    };
    const verdict = judgeSecondPlan(plan);
    expect(verdict.unexplained).toEqual([]);
    expect(verdict.seen.map((gap) => gap.attribute)).toEqual(['logging_config']);
  });

  it('reports any other change, and every create, delete or replace, as unexplained', () => {
    const plan: PlanJson = {
      format_version: '1.2',
      resource_changes: [
        update('aws_lambda_function.Fn', 'aws_lambda_function', { memory_size: 512, logging_config: [] }, { memory_size: 1024, logging_config: [{}] }),
        { address: 'aws_s3_bucket.B', type: 'aws_s3_bucket', mode: 'managed', change: { actions: ['delete', 'create'] } },
        { address: 'aws_vpc.V', type: 'aws_vpc', mode: 'managed', change: { actions: ['no-op'] } },
      ],
    };
    expect(judgeSecondPlan(plan).unexplained).toEqual(['aws_lambda_function.Fn: update memory_size', 'aws_s3_bucket.B: delete+create']);
  });

  it('expects the image gap of image-packaged functions only', () => {
    const types = new Set(['aws_lambda_function']);
    expect(expectedGaps(types, 'zip').map((gap) => gap.attribute)).toEqual(['logging_config']);
    expect(expectedGaps(types, 'image').map((gap) => gap.attribute)).toEqual(['logging_config', 'image_config']);
    expect(expectedGaps(new Set(['aws_vpc']), 'image')).toEqual([]);
  });
});
