// All schemes, validated at import: a broken configuration fails start-up, the synth and tests,
// not a request. Lambda bundles get them already validated (infra/lambda-bundling.ts).
import { parseSchemeConfig, type SchemeConfig } from '../../schemas/scheme-config.schema';
import { helseNordLvs } from './helse-nord-lvs';
import { innlandet } from './innlandet';
import { midtNorgeSondreTrondelag } from './midt-norge-sondre-trondelag';
import { sorRogaland } from './sor-rogaland';

/** Replaced at bundling by the JSON of the configurations the synth validated (lambdaDefine). */
declare const GRANTS_PARSED_SCHEMES: string | undefined;

const parsed: readonly SchemeConfig[] =
  typeof GRANTS_PARSED_SCHEMES === 'string'
    ? (JSON.parse(GRANTS_PARSED_SCHEMES) as SchemeConfig[])
    : [sorRogaland, innlandet, helseNordLvs, midtNorgeSondreTrondelag].map((raw) => parseSchemeConfig(raw));

export const SCHEMES: Record<string, SchemeConfig> = {};
for (const scheme of parsed) {
  if (Object.hasOwn(SCHEMES, scheme.id)) throw new Error(`Duplicate scheme id '${scheme.id}'`);
  SCHEMES[scheme.id] = scheme;
}

export const SCHEME_IDS: readonly string[] = parsed.map((scheme) => scheme.id);

export function getScheme(id: string): SchemeConfig | undefined {
  return Object.hasOwn(SCHEMES, id) ? SCHEMES[id] : undefined;
}
