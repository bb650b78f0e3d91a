import { fromHandlerResult, toHttpApiEvent } from './events';

describe('toHttpApiEvent', () => {
  it('builds a payload 2.0 event from an HTTP request', () => {
    const event = toHttpApiEvent(
      {
        method: 'post',
        url: '/v1/generate?a=1&a=2&b=x',
        headers: { 'content-type': 'application/json', cookie: 'k=v; z=1', host: '127.0.0.1:3000', 'x-multi': ['1', '2'] },
        body: Buffer.from('{"prompt":"hi"}'),
        sourceIp: '127.0.0.1',
      },
      new Date('2025-06-01T12:00:00Z'),
    );

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: '$default',
      rawPath: '/v1/generate',
      rawQueryString: 'a=1&a=2&b=x',
      cookies: ['k=v', 'z=1'],
      headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', 'x-multi': '1,2' },
      queryStringParameters: { a: '1,2', b: 'x' },
      requestContext: { http: { method: 'POST', path: '/v1/generate', sourceIp: '127.0.0.1' }, stage: '$default', timeEpoch: 1_748_779_200_000 },
      body: '{"prompt":"hi"}',
      isBase64Encoded: false,
    });
    expect(event.headers.cookie).toBeUndefined();
  });

  it('base64-encodes a body whose content type is not text', () => {
    const event = toHttpApiEvent({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0xff, 0x00]),
      sourceIp: '::1',
    });

    expect(event).toMatchObject({ body: '/wA=', isBase64Encoded: true });
  });

  it('leaves the body out when there is none', () => {
    expect(toHttpApiEvent({ method: 'GET', url: '/', headers: {}, body: Buffer.alloc(0), sourceIp: '::1' })).not.toHaveProperty('body');
  });
});

describe('fromHandlerResult', () => {
  it('reads a structured result', () => {
    expect(fromHandlerResult({ statusCode: 201, headers: { a: 'b' }, body: 'aGk=', isBase64Encoded: true, cookies: ['c=d'] })).toEqual({
      status: 201,
      headers: { a: 'b', 'set-cookie': ['c=d'] },
      body: Buffer.from('hi'),
    });
  });

  it('answers any other value as JSON 200, like API Gateway', () => {
    expect(fromHandlerResult({ hello: 'world' })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"hello":"world"}'),
    });
  });
});
