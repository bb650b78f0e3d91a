import { compareText } from './text';

describe('compareText', () => {
  it('orders texts exactly as localeCompare does: case, accents, digits, punctuation and the empty text', () => {
    const texts = [
      'a',
      'B',
      'b',
      'A',
      '\u00e9',
      'e',
      'E',
      'z',
      'Z',
      '10',
      '9',
      'a-b',
      'ab',
      'a_b',
      'aws_s3_bucket.x',
      'aws_s3_bucket.X',
      'aws_s3_bucket_policy.x',
      '',
      '\u00e4',
      '\u00df',
      'ss',
      'data[0]',
      'data["a"]',
    ];

    for (const a of texts) for (const b of texts) expect([a, b, Math.sign(compareText(a, b))]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
  });
});
