import { NotFoundError } from '../domain/errors';
import type { ApplicationRecord, ApplicationVersion } from '../domain/model';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

export async function loadApplication(deps: Pick<Dependencies, 'store'>, applicationId: string): Promise<ApplicationRecord> {
  const app = await deps.store.getApplication(applicationId);
  if (!app) throw new NotFoundError('Fant ikke søknaden.');
  return app;
}

export async function loadCurrentVersion(deps: Pick<Dependencies, 'store'>, app: ApplicationRecord): Promise<ApplicationVersion> {
  const version = await deps.store.getVersion(app.id, app.version);
  if (!version) throw new Error(`Version ${app.version} of ${app.id} is missing`);
  return version;
}

export function loadScheme(deps: Pick<Dependencies, 'scheme'>, schemeId: string): SchemeConfig {
  const scheme = deps.scheme(schemeId);
  if (!scheme) throw new NotFoundError('Fant ikke tilskuddsordningen.');
  return scheme;
}
