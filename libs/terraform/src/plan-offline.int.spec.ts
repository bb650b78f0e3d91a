import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { describeWithTerraform, planOffline } from './testing';

describeWithTerraform('planOffline', () => {
  it('plans a construct with the real provider and reports what Terraform would add', async () => {
    const result = await planOffline((stack) => new SqsQueue(stack, 'Queue', { name: 'q' }));
    expect(result).toMatchObject({ ok: true, add: 1, change: 0, destroy: 0 });
    expect(result.synthesized.resource.aws_sqs_queue).toBeDefined();
  });

  it("returns Terraform's error for an invalid resource", async () => {
    const result = await planOffline((stack) => new SqsQueue(stack, 'Queue', { name: 'q', delaySeconds: 10_000 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/delay_seconds/);
  });
});
