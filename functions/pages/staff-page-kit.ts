// The options of the staff pages: a page's, plus the session cookie verified by the staff sign-in.
// Apart from page-kit.ts so that public pages carry no sign-in code (aws-jwt-verify).
import { cognitoSignIn } from '../wiring/cognito-sign-in.wiring';
import { PAGE, PAGE_FORM } from './page-kit';

export const STAFF_PAGE = { ...PAGE, session: cognitoSignIn } as const;
export const STAFF_PAGE_FORM = { ...PAGE_FORM, session: cognitoSignIn } as const;
