export { startFakeOpenAi, strictSchemaProblem, type FakeAnswer, type FakeOpenAi, type FakeOpenAiOptions, type RecordedRequest } from './testing/fake-openai';
