// What each Lambda bundle carries, checked on the bundles as NodejsFunction builds them.
// - Wiring: a Lambda wires the mailer, the workflow and the staff sign-in only when its code uses
//   them (functions/wiring). esbuild drops what a handler never reaches, so a port used in a bundle
//   (`.workflow.completeStep(…)`) must come with the wiring that provides it, or the function would
//   fail at its first use in AWS (the local system and the other tests wire everything, so they
//   would not notice).
// - Validation: zod/mini only.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type Metafile } from 'esbuild';
import { lambdaEntries, lambdaEsbuildOptions } from '../../bench/cold-start';
import { handlerModulePath, ROUTES } from '../../functions/http/routes';
import type { Capability } from '../../functions/composition';

interface Built {
  code: string;
  /** the files with code in the bundle */
  inputs: string[];
}

/** Repository-relative, as esbuild's metafile and handlerModulePath name them. */
const entries = lambdaEntries().map((e) => relative(process.cwd(), e.file));
const bundles = new Map<string, Built>();

beforeAll(async () => {
  const result = await build({ ...lambdaEsbuildOptions(), entryPoints: entries, outdir: 'out', outbase: '.', write: false, metafile: true });
  const outputs = (result.metafile as Metafile).outputs;
  for (const file of result.outputFiles) {
    const key = Object.keys(outputs).find((k) => file.path.endsWith(k))!;
    const inputs = Object.entries(outputs[key]!.inputs).filter(([, input]) => input.bytesInOutput > 0);
    bundles.set(outputs[key]!.entryPoint!, { code: file.text, inputs: inputs.map(([name]) => name) });
  }
}, 120_000);

const USE: Record<Capability, RegExp> = {
  mailer: /\.mailer\.[A-Za-z]/,
  workflow: /\.workflow\.[A-Za-z]/,
  staffSignIn: /\.staffSignIn\.[A-Za-z]/,
};
const provides = (code: string, capability: Capability) => code.includes(`provides:"${capability}"`);
const bundleOf = (entry: string) => {
  const built = bundles.get(entry);
  if (!built) throw new Error(`no bundle for ${entry}`);
  return built;
};

describe('each Lambda bundle', () => {
  it.each(entries)('%s wires every port its code uses', (entry) => {
    const { code } = bundleOf(entry);
    const missing = (Object.keys(USE) as Capability[]).filter((c) => USE[c].test(code) && !provides(code, c));
    expect(missing).toEqual([]);
  });

  it('only the routes marked sendsMail wire the mailer (the others\' roles may not send: routeCapabilities in infra/capabilities.ts)', () => {
    for (const route of ROUTES) expect(provides(bundleOf(handlerModulePath(route)).code, 'mailer'), route.id).toBe(route.sendsMail === true);
    // The form's "Lagre utkast" e-mails the link to the draft; everything else goes through the workflow.
    expect(ROUTES.filter((r) => r.sendsMail).map((r) => r.id)).toEqual(['page-submit-application']);
  });

  it('every staff page verifies its session with the staff sign-in', () => {
    const staffPages = ROUTES.filter((r) => r.kind === 'page' && r.access !== 'public');
    expect(staffPages.length).toBeGreaterThan(5);
    for (const route of staffPages) expect(provides(bundleOf(handlerModulePath(route)).code, 'staffSignIn'), route.id).toBe(true);
  });

  it('the detection sees the uses it must see (it would not pass by matching nothing)', () => {
    expect(USE.mailer.test(bundleOf('functions/workflow/lifecycle-step.handler.ts').code)).toBe(true);
    expect(USE.workflow.test(bundleOf('functions/http/submit-application.handler.ts').code)).toBe(true);
    expect(USE.staffSignIn.test(bundleOf('functions/http/page-sign-in.handler.ts').code)).toBe(true);
  });

  it('a read-only public route carries no SES, Step Functions or sign-in code', () => {
    for (const id of ['get-scheme', 'get-owner-view', 'page-home']) {
      const route = ROUTES.find((r) => r.id === id)!;
      const inputs = bundleOf(handlerModulePath(route)).inputs.join('\n');
      expect(inputs, id).not.toMatch(/client-ses|client-sfn|aws-jwt-verify|functions\/wiring/);
    }
  });

  it('a route that validates no application builds none of its schemas (messages and limits live apart)', () => {
    for (const id of ['get-scheme', 'get-owner-view', 'page-home', 'page-application-form', 'page-agenda', 'list-payouts', 'withdraw-application', 'page-request-reallocation']) {
      const route = ROUTES.find((r) => r.id === id)!;
      const inputs = bundleOf(handlerModulePath(route)).inputs.join('\n');
      expect(inputs, id).toMatch(/schemas\/fields\.schema\.ts/);
      expect(inputs, id).not.toMatch(/schemas\/application\.schema\.ts/);
    }
    const submit = ROUTES.find((r) => r.id === 'submit-application')!;
    expect(bundleOf(handlerModulePath(submit)).inputs.join('\n')).toMatch(/schemas\/application\.schema\.ts/);
  });

  it('a page that shows forms takes their maxlength from the generated tables, and builds no request schema at import', () => {
    for (const id of ['page-secretariat', 'page-agenda', 'page-application', 'page-owner-status', 'page-cosign', 'page-report-form']) {
      const route = ROUTES.find((r) => r.id === id)!;
      const inputs = bundleOf(handlerModulePath(route)).inputs.join('\n');
      if (id !== 'page-secretariat') expect(inputs, id).toMatch(/schemas\/request-limits\.ts/);
      expect(inputs, id).not.toMatch(/schemas\/requests\.schema\.ts/);
    }
  });

  // An Intl formatter made at a module's top level loads its locale data at import: some 10 ms of
  // every cold start of the bundles that import the module (it was, on the staff pages). Made at
  // first use, it costs only the request that needs it.
  it('no module of ours makes an Intl formatter at import', () => {
    const offenders = entries.flatMap((entry) => bundleOf(entry).inputs)
      .filter((file, i, all) => file.startsWith('functions/') && all.indexOf(file) === i)
      .filter((file) => readFileSync(file, 'utf8').split('\n').some((line) => /^(export )?(const|let|var) [^=]+= *new Intl\./.test(line)));
    expect(offenders).toEqual([]);
  });

  // Classic zod's schemas carry every method and the JSON Schema generator (about 95 KB a bundle,
  // and the construction of each method per schema at start-up); the synth and local tools may use it.
  it.each(entries)('%s validates with zod/mini, never classic zod', (entry) => {
    const inputs = bundleOf(entry).inputs.join('\n');
    expect(inputs).toMatch(/node_modules\/zod\/v4\/mini\//);
    expect(inputs).not.toMatch(/node_modules\/zod\/v4\/(classic|locales)\//);
  });
});
