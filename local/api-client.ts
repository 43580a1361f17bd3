// The local HTTP API as an outside JSON client sees it, with staff bearer tokens from the local
// issuer: the demo, the test harness and the benchmarks all talk to the system through this.
import { ALL_SCHEMES_GROUP, SESSION_COOKIE } from '../functions/http/staff-auth';
import type { LocalSystem } from './system';

export type StaffCaller = 'secretariat' | 'finance';

export interface ApiAnswer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type ApiCall = (method: string, path: string, body?: unknown, as?: StaffCaller, headers?: Record<string, string>) => Promise<ApiAnswer>;

/** A caller for `system`, signing staff calls as the given subjects (names in the audit trail). */
export function apiClient(system: LocalSystem, subjects: Record<StaffCaller, string>): ApiCall {
  const tokens: Record<StaffCaller, string> = {
    secretariat: system.auth.issue(subjects.secretariat, ['secretariat', ALL_SCHEMES_GROUP]),
    finance: system.auth.issue(subjects.finance, ['finance', ALL_SCHEMES_GROUP]),
  };
  return async (method, path, body, as, headers = {}) => {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        // The JSON API reads the bearer token (its JWT authorizer); the staff pages the session cookie.
        ...(as ? { authorization: `Bearer ${tokens[as]}`, cookie: `${SESSION_COOKIE.name}=${tokens[as]}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  };
}
