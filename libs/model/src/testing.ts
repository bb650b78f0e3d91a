export { startFakeOpenAi, strictSchemaProblem, type FakeAnswer, type FakeOpenAi, type RecordedRequest } from './testing/fake-openai';
