// The lifecycle state machines' definitions: the files workflows/*.asl.json are THE definitions.
// CDK puts their exact text into the template (DefinitionString) with DefinitionSubstitutions; the
// local runtime runs the same text after `substitute` with local values. Pure Node: no AWS SDK and
// no aws-cdk-lib imports here, so the local runtime can use this module as is.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WORKFLOW_NAMES = ['application', 'grant', 'final-report', 'reallocation', 'repayment', 'revocation'] as const;
export type WorkflowName = (typeof WORKFLOW_NAMES)[number];

/** Absolute path of each definition file. */
export const WORKFLOW_FILES: Readonly<Record<WorkflowName, string>> = Object.freeze(
  Object.fromEntries(
    WORKFLOW_NAMES.map((name) => [name, fileURLToPath(new URL(`./${name}.asl.json`, import.meta.url))]),
  ) as Record<WorkflowName, string>,
);

/**
 * `${Name}` as CloudFormation's DefinitionSubstitutions reads it: a dollar sign, a brace, a name of
 * letters, digits and underscores, a brace. (JSONPath's `$.x` and `$$.Task.Token` never match.)
 */
const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

export interface WorkflowDefinition {
  readonly name: WorkflowName;
  readonly file: string;
  /** The file's exact text (no parsing, no re-serialisation). */
  readonly text: string;
  /** The distinct `${Name}` placeholders in the text, sorted. */
  readonly placeholders: readonly string[];
}

export function isWorkflowName(name: string): name is WorkflowName {
  return (WORKFLOW_NAMES as readonly string[]).includes(name);
}

/** Reads a definition file; the text is returned byte for byte as stored. */
export function loadDefinition(name: WorkflowName): WorkflowDefinition {
  if (!isWorkflowName(name)) throw new Error(`Unknown workflow '${String(name)}' (known: ${WORKFLOW_NAMES.join(', ')})`);
  const file = WORKFLOW_FILES[name];
  const text = readFileSync(file, 'utf8');
  return { name, file, text, placeholders: placeholdersIn(text) };
}

/** The distinct placeholder names in a text, sorted. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string))].sort();
}

/**
 * Replaces every `${Name}` with `values[Name]`, verbatim, as CloudFormation does with
 * DefinitionSubstitutions. A placeholder without a value is an error (CloudFormation would deploy
 * a definition that fails at run time); so is a value with characters that would break the JSON
 * string it lands in. Extra values are ignored.
 */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  const missing = placeholdersIn(text).filter((name) => !Object.hasOwn(values, name));
  if (missing.length > 0) throw new Error(`No value for placeholder(s): ${missing.join(', ')}`);
  for (const [name, value] of Object.entries(values)) {
    if (/["\\\u0000-\u001f]/.test(value)) throw new Error(`Value for ${name} contains a quote, backslash or control character`);
  }
  return text.replace(PLACEHOLDER, (_match, name: string) => values[name] as string);
}

/** A Task state as found in a definition (top level, Parallel branches and Map processors). */
export interface TaskState {
  readonly stateName: string;
  readonly resource: string;
  readonly parameters: unknown;
}

type StatesObject = Record<string, Record<string, unknown>>;

/** Every Task state of a definition text (JSONPath or JSONata: `Parameters` or `Arguments`). */
export function taskStates(text: string): TaskState[] {
  const out: TaskState[] = [];
  const visit = (states: unknown): void => {
    if (!states || typeof states !== 'object') return;
    for (const [stateName, state] of Object.entries(states as StatesObject)) {
      if (!state || typeof state !== 'object') continue;
      if (state.Type === 'Task' && typeof state.Resource === 'string') {
        out.push({ stateName, resource: state.Resource, parameters: state.Parameters ?? state.Arguments });
      }
      if (Array.isArray(state.Branches)) {
        for (const branch of state.Branches as Array<{ States?: unknown }>) visit(branch?.States);
      }
      const processor = (state.ItemProcessor ?? state.Iterator) as { States?: unknown } | undefined;
      if (processor) visit(processor.States);
    }
  };
  visit((JSON.parse(text) as { States?: unknown }).States);
  return out;
}

/** `final-report` → `FinalReport`: the machine-ARN placeholder of a workflow is `${<Pascal>StateMachineArn}`. */
export function stateMachineArnPlaceholder(name: WorkflowName): string {
  const pascal = name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}StateMachineArn`;
}

/** The placeholder name inside a `${Name}` string, or undefined for anything else. */
export function placeholderName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
  return match?.[1];
}
