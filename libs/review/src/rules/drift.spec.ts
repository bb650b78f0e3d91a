import { messages, resourceChange } from '../testing/builders';
import { ChangeView } from '../review/change-view';
import { drift } from './drift';

describe('drift', () => {
  it('names the attributes changed outside Terraform', () => {
    const entry = resourceChange('aws_s3_bucket.data', ['update'], { bucket: 'data', tags: {}, tags_all: {} }, { bucket: 'data', tags: { x: '1' }, tags_all: { x: '1' } });

    expect(messages(drift.check(new ChangeView(entry)))).toEqual(['medium: changed outside Terraform: tags']);
  });

  it('reports a resource deleted outside Terraform', () => {
    const entry = resourceChange('aws_sqs_queue.jobs', ['delete'], { name: 'jobs' }, null);

    expect(messages(drift.check(new ChangeView(entry)))).toEqual(['medium: deleted outside Terraform']);
  });

  it('does not fire when refresh found nothing different', () => {
    const entry = resourceChange('aws_sqs_queue.jobs', ['update'], { name: 'jobs' }, { name: 'jobs' });

    expect(drift.check(new ChangeView(entry))).toBe('compliant');
  });
});
