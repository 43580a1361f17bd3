// Staff sign-in without Cognito: the local server issues short-lived HS256 JWTs with the same
// claims Cognito would (sub, cognito:groups) and verifies them the way the API's JWT authorizer does.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface LocalClaims {
  sub: string;
  'cognito:groups': string[];
  exp: number;
  iat: number;
  /** the sign-in the token comes from, as Cognito's ID tokens carry it (staff page sessions only) */
  origin_jti?: string;
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export class LocalAuth {
  private readonly secret: Buffer;

  constructor(secret?: Buffer) {
    this.secret = secret ?? randomBytes(32);
  }

  issue(subject: string, groups: string[], now = new Date(), ttlSeconds = 8 * 3600, sessionId?: string): string {
    const iat = Math.floor(now.getTime() / 1000);
    const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64(JSON.stringify({ sub: subject, 'cognito:groups': groups, iat, exp: iat + ttlSeconds, ...(sessionId ? { origin_jti: sessionId } : {}) }));
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  /** The verified claims, or undefined for a missing, forged or expired token (the authorizer's 401). */
  verify(token: string | undefined, now = new Date()): LocalClaims | undefined {
    if (!token) return undefined;
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LocalClaims;
      return claims.exp * 1000 > now.getTime() ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}
