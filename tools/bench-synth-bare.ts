/**
 * The cdktf app without the guardrail pack, for `npm run bench` only: what synth costs before the
 * rules run, so the benchmark can print the pack's share. Never used to deploy.
 */
import { validateEnvironments } from '@llm/config';
import { ENVIRONMENTS } from '@llm/environments';
import { addEnvironmentStacks, modeFromEnvironment } from '@llm/stacks';
import { App } from 'cdktf';

const app = new App({ outdir: process.env.CDKTF_OUTDIR });
for (const env of validateEnvironments(ENVIRONMENTS)) addEnvironmentStacks(app, env, modeFromEnvironment());
app.synth();
