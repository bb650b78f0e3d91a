import { checkChange, messages, resourceChange } from '../testing/builders';
import { forgottenResource } from './forgotten-resource';

describe('forgotten-resource', () => {
  it('reports a forget, medium when what stays in AWS holds data or identity', () => {
    const queue = resourceChange('aws_sqs_queue.jobs', ['forget'], { name: 'q' }, null, { action_reason: 'delete_because_no_resource_config' });
    const topic = resourceChange('aws_sns_topic.alerts', ['forget'], { name: 't' }, null);

    expect(messages(checkChange(forgottenResource, queue))).toEqual([
      'medium: removed from state without destroying (forget): it stays in AWS, no longer managed by this stack; it holds data or identity that no stack manages now',
    ]);
    expect(messages(checkChange(forgottenResource, topic))).toEqual([
      'low: removed from state without destroying (forget): it stays in AWS, no longer managed by this stack',
    ]);
  });
});
