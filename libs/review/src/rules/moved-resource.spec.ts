import { checkChange, messages, resourceChange } from '../testing/builders';
import { movedResource } from './moved-resource';

describe('moved-resource', () => {
  it('notes a move as low, and says when the moved resource is also updated', () => {
    const pure = resourceChange('aws_sqs_queue.jobs', ['no-op'], { name: 'q' }, { name: 'q' }, { previous_address: 'aws_sqs_queue.old' });
    const updated = resourceChange('aws_sqs_queue.jobs', ['update'], { name: 'q' }, { name: 'q', delay_seconds: 5 }, { previous_address: 'aws_sqs_queue.old' });

    expect(messages(checkChange(movedResource, pure))).toEqual(['low: moved from aws_sqs_queue.old']);
    expect(messages(checkChange(movedResource, updated))).toEqual(['low: moved from aws_sqs_queue.old; also updated in place']);
    expect(checkChange(movedResource, resourceChange('aws_sqs_queue.jobs', ['no-op'], { name: 'q' }, { name: 'q' }))).toBe('not-applicable');
  });
});
