/**
 * The README's shell commands and what the README check does with each: run it offline in a
 * scratch copy (tools/readme-commands.int.spec.ts) or skip it for a stated reason; one table, so a
 * command added to the README without an entry fails the check instead of going unchecked.
 */

/** A command of a fenced `sh` / `bash` / `shell` block, continuations joined, comment removed. */
export interface ReadmeCommand {
  readonly command: string;
  /** 1-based line of the README where the command starts. */
  readonly line: number;
}

export type CommandRule =
  | {
      readonly match: string | RegExp;
      readonly action: 'run';
      /** @default 0 */
      readonly expectedExit?: number;
      /** Output that shows the exit is the documented one (a gate failing, not a crash). @default - any output */
      readonly expectedOutput?: RegExp;
      /** @default 180_000 */
      readonly timeoutMs?: number;
    }
  | { readonly match: string | RegExp; readonly action: 'skip'; readonly reason: string };

export type Classification =
  | { readonly action: 'run'; readonly expectedExit: number; readonly expectedOutput?: RegExp; readonly timeoutMs: number }
  | { readonly action: 'skip'; readonly reason: string }
  | { readonly action: 'unknown'; readonly message: string };

const SHELL_TAGS = new Set(['sh', 'bash', 'shell']);
const DEFAULT_TIMEOUT_MS = 180_000;

const NEEDS_AWS = 'needs AWS credentials and a deployed account';
const EMULATOR = 'the emulator tier (environments/emulator/*.emu.spec.ts) runs this flow: minutes, and a moto server to start and stop';

/**
 * Every README command, matched by exact text or by a regular expression (anchored by the entry
 * itself). Each README command must match exactly one entry, and each entry some README command.
 * Run entries are executed in README order, so `npm start` comes before the commands reading
 * cdktf.out.
 */
export const COMMAND_RULES: readonly CommandRule[] = [
  // Two commands
  { match: 'npm ci', action: 'skip', reason: "reinstalls node_modules, which the scratch copy links to this workspace's, and needs the npm registry" },
  // The one full plan of the run: the plan cache (node_modules/.cache, shared through the link) keeps it quick.
  { match: 'npm start', action: 'run', timeoutMs: 300_000 },
  { match: 'npm test', action: 'skip', reason: 'the whole suite (about 22 minutes), of which this check is a part' },
  { match: 'npm run lint', action: 'run' },
  { match: 'npm run format:check', action: 'run' },

  // The OpenAI key recipes and the local server
  { match: /^read -rs -p /, action: 'skip', reason: 'interactive: reads an OpenAI API key from the terminal' },
  { match: /\| aws secretsmanager put-secret-value /, action: 'skip', reason: NEEDS_AWS },
  { match: 'unset OPENAI_KEY', action: 'skip', reason: 'the last step of the interactive key recipe; nothing to check on its own' },
  { match: 'npm run dev', action: 'skip', reason: 'a server that runs until stopped and needs an OpenAI key (its tests start it on a free port)' },
  { match: /^curl -s http:\/\/127\.0\.0\.1:3000\//, action: 'skip', reason: 'needs `npm run dev` running with an OpenAI key' },

  // Commands against a deployed account
  { match: /^npm run smoke -- /, action: 'skip', reason: `${NEEDS_AWS} (invokes the deployed function)` },
  { match: /^npm run worker -- (launch|list|ssh|stop|terminate) /, action: 'skip', reason: `${NEEDS_AWS} (EC2 workers)` },
  { match: /^npm run janitor -- /, action: 'skip', reason: `${NEEDS_AWS} (lists the environment's EC2 resources, also with --dry-run)` },
  {
    match: /^export CHECKPOINT_DISABLE=1$/,
    action: 'skip',
    reason: 'sets a variable for the cdktf commands below; every run command here has CHECKPOINT_DISABLE=1 already',
  },
  { match: /^npx cdktf (deploy|plan) dev-/, action: 'skip', reason: NEEDS_AWS },

  // Review of plans and state: reads the cdktf.out `npm start` wrote above (globs, so bash -c).
  { match: 'npm run review -- cdktf.out/stacks/*', action: 'run' },
  { match: 'npm run review -- cdktf.out/stacks/* --format markdown --out review.md', action: 'run' },
  {
    match: 'npm run review -- cdktf.out/stacks/prod-bootstrap --state terraform.prod-bootstrap.tfstate --format json',
    action: 'skip',
    reason: 'needs the state of an applied prod-bootstrap (terraform.prod-bootstrap.tfstate, written by `npx cdktf deploy prod-bootstrap`)',
  },
  // The gate's documented purpose: offline plans create IAM roles and policies, which are broadening findings.
  {
    match: 'npm run review -- cdktf.out/stacks/* --fail-on destructive,broadening,exposure',
    action: 'run',
    expectedExit: 1,
    expectedOutput: /--fail-on destructive,broadening,exposure: \d+ finding\(s\) need approval/,
  },
  { match: 'npm run review -- cdktf.out/stacks/* --format sarif --out review.sarif', action: 'run' },
  { match: 'npm run review -- --guardrails cdktf.out/guardrails.json --format sarif --out guardrails.sarif', action: 'run' },

  // Commands by prompt
  {
    match: /^OPENAI_API_KEY=\.\.\. OPENAI_MODEL=\S+ npm run policy -- /,
    action: 'skip',
    reason: 'needs an OpenAI key; placeholders ([--model M], [--out policy.json])',
  },
  { match: /^npm run infra -- "<the change>"/, action: 'skip', reason: 'a placeholder ("<the change>", [--env E]) and needs an OpenAI key' },

  // Apply locally
  { match: /^npm run emulator -- (start|stop)$/, action: 'skip', reason: EMULATOR },
  { match: /^npm run deploy:local -- --env dev( --destroy)?$/, action: 'skip', reason: EMULATOR },
  { match: 'npm start -- --emulator --env dev', action: 'skip', reason: EMULATOR },
  { match: /^CHECKPOINT_DISABLE=1 INFRA_EMULATOR_URL=\S+ .*npx cdktf deploy /, action: 'skip', reason: EMULATOR },
];

function matches(rule: CommandRule, command: string): boolean {
  return typeof rule.match === 'string' ? rule.match === command : rule.match.test(command);
}

/** What the README check does with `command`, by the one entry of `rules` it matches. */
export function classify(command: string, rules: readonly CommandRule[] = COMMAND_RULES): Classification {
  const found = rules.filter((rule) => matches(rule, command));
  if (found.length === 0) return { action: 'unknown', message: `README command "${command}" is neither run nor skipped: add it to tools/readme-commands.ts` };
  if (found.length > 1)
    return {
      action: 'unknown',
      message: `README command "${command}" matches ${found.length} entries of tools/readme-commands.ts (${found.map((rule) => String(rule.match)).join(', ')}): make them exclusive`,
    };
  const [rule] = found;
  return rule.action === 'run'
    ? { action: 'run', expectedExit: rule.expectedExit ?? 0, expectedOutput: rule.expectedOutput, timeoutMs: rule.timeoutMs ?? DEFAULT_TIMEOUT_MS }
    : { action: 'skip', reason: rule.reason };
}

/** Entries that no README command matches: left behind when the README changed. */
export function unusedRules(commands: readonly ReadmeCommand[], rules: readonly CommandRule[] = COMMAND_RULES): CommandRule[] {
  return rules.filter((rule) => !commands.some(({ command }) => matches(rule, command)));
}

/** Removes a `#` comment that starts a word outside quotes, as the shell would. */
export function stripComment(line: string): string {
  let quote: string | undefined;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"') index++;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '\\') index++;
    else if (char === '#' && (index === 0 || /\s/.test(line[index - 1]))) return line.slice(0, index).trimEnd();
  }
  return line.trimEnd();
}

/**
 * Every command of the README's `sh`, `bash` and `shell` blocks, in order. Every line is a command
 * (not only npm/npx/node/git ones: a `curl` or `aws` line must be classified too), except blank
 * and comment lines; in a block that uses `$ ` prompts only the prompted lines are commands, the
 * rest is their output. Fences may be indented (a block inside a list item).
 */
export function extractCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split(/\r?\n/);
  const commands: ReadmeCommand[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[index]);
    if (!open) continue;
    const [, , fence, tag] = open;
    const body: { text: string; line: number }[] = [];
    let end = index + 1;
    while (end < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[end])) {
      body.push({ text: lines[end].trim(), line: end + 1 });
      end++;
    }
    index = end;
    if (!SHELL_TAGS.has(tag.toLowerCase())) continue;
    const prompted = body.some(({ text }) => text.startsWith('$ '));
    for (let at = 0; at < body.length; at++) {
      const { line } = body[at];
      let text = body[at].text;
      if (prompted) {
        if (!text.startsWith('$ ')) continue;
        text = text.slice(2);
      }
      while (text.endsWith('\\') && at + 1 < body.length) text = `${text.slice(0, -1).trimEnd()} ${body[++at].text}`;
      const command = stripComment(text).trim();
      if (command) commands.push({ command, line });
    }
  }
  return commands;
}
