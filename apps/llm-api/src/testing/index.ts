/** Test doubles of the function's neighbours, speaking their real wire formats on 127.0.0.1. */
export { startFakeAws, type FakeAws, type FakeAwsRequest } from './fake-aws';
export { startFakeOpenAi, type FakeAnswer, type FakeOpenAi } from './fake-openai';
