/** The cdktf app that cdktf.json runs: every environment x region becomes one Terraform stack. */
import { synthesizeApp } from '@llm/stacks';
import { ENVIRONMENTS } from './environments';

synthesizeApp(ENVIRONMENTS);
