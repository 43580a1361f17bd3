// The staff sign-in on Cognito (managed login, aws-jwt-verify), for the staff pages and the sign-in pages.
import type { Wiring } from '../composition';
import { CognitoSignIn } from '../adapters/cognito-sign-in';
import type { StaffSignIn } from '../ports/staff-sign-in';

/** A function without the STAFF_* variables knows no staff session. */
const notConfigured = (): never => {
  throw new Error('Staff sign-in is not configured (STAFF_USER_POOL_ID, STAFF_PAGES_CLIENT_ID, STAFF_SIGN_IN_URL)');
};
const noStaffSignIn: StaffSignIn = {
  authorizeUrl: notConfigured,
  exchangeCode: async () => notConfigured(),
  refresh: async () => notConfigured(),
  revoke: async () => notConfigured(),
  signOutUrl: (returnTo) => returnTo,
  verify: async () => undefined,
};

export const cognitoSignIn: Wiring<'staffSignIn'> = {
  provides: 'staffSignIn',
  build: ({ env }) =>
    env.STAFF_USER_POOL_ID && env.STAFF_PAGES_CLIENT_ID && env.STAFF_SIGN_IN_URL
      ? new CognitoSignIn({ userPoolId: env.STAFF_USER_POOL_ID, clientId: env.STAFF_PAGES_CLIENT_ID, domainUrl: env.STAFF_SIGN_IN_URL })
      : noStaffSignIn,
};
