// One error policy: domain errors carry a name and an HTTP status; the HTTP layer exposes 4xx
// messages (in Norwegian, the user's language) and hides everything else behind a generic 500.

export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly statusCode: number,
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly fieldErrors: FieldErrors,
    message = 'Skjemaet inneholder feil. Rett opp feltene som er markert.',
  ) {
    super(400, 'ValidationError', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Du må logge inn for å bruke denne tjenesten.') {
    super(401, 'UnauthorizedError', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Du har ikke tilgang til denne tjenesten.') {
    super(403, 'ForbiddenError', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(
    message = 'Fant ikke det du ba om.',
    /** the request field that named what was not found (a form shows the message there) */
    readonly field?: string,
  ) {
    super(404, 'NotFoundError', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, readonly reason = 'conflict') {
    super(409, 'ConflictError', message);
  }
}

export class GoneError extends DomainError {
  constructor(message = 'Lenken er utløpt eller allerede brukt.') {
    super(410, 'GoneError', message);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(message = 'Forespørselen er for stor.') {
    super(413, 'PayloadTooLargeError', message);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message = 'Innholdstypen støttes ikke. Bruk JSON eller et vanlig skjema.') {
    super(415, 'UnsupportedMediaTypeError', message);
  }
}

/** The identity provider refused a sign-in code or refresh token (expired, used, or not ours). */
export class SignInError extends DomainError {
  constructor(message = 'Innloggingen kunne ikke fullføres. Prøv å logge inn på nytt.') {
    super(400, 'SignInError', message);
  }
}
