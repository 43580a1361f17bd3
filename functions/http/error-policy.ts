import { randomUUID } from 'node:crypto';
import type middy from '@middy/core';
import { DomainError, ValidationError } from '../domain/errors';
import { logger } from '../adapters/logger';
import { json, type HttpResult } from './responses';

/** Middy's own HTTP errors (body parsers) carry statusCode + expose; translate them to Norwegian. */
function fromMiddyError(error: { statusCode?: number; message?: string }): { status: number; body: ErrorBody } | undefined {
  const status = error.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  if (status === 415 && /malformed/i.test(error.message ?? '')) {
    return { status: 400, body: { error: 'BadRequest', message: 'Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig JSON eller skjemadata.' } };
  }
  if (status === 415) {
    return { status, body: { error: 'UnsupportedMediaType', message: 'Innholdstypen støttes ikke. Bruk JSON eller et vanlig skjema.' } };
  }
  return { status, body: { error: 'BadRequest', message: 'Forespørselen er ugyldig.' } };
}

/** What an error answer says; JSON for the API, and the input of a page's error renderer. */
export interface ErrorBody {
  error: string;
  message: string;
  reason?: string;
  fieldErrors?: Record<string, string>;
  correlationId?: string;
}

/** Lets a route answer an error in another form (an HTML page); undefined keeps the JSON answer. */
export type ErrorRenderer = (status: number, body: ErrorBody, event: unknown) => HttpResult | undefined;

/** One error policy for every handler: 4xx are explained, everything else is a generic 500. */
export function errorPolicy(options: { render?: ErrorRenderer } = {}): middy.MiddlewareObj<unknown, HttpResult> {
  const respond = (status: number, body: ErrorBody, event: unknown): HttpResult => options.render?.(status, body, event) ?? json(status, body);
  return {
    onError: async (request) => {
      const error = request.error as (Error & { statusCode?: number }) | null;
      if (error instanceof ValidationError) {
        request.response = respond(400, { error: error.name, message: error.message, fieldErrors: error.fieldErrors }, request.event);
        return;
      }
      if (error instanceof DomainError && error.statusCode < 500) {
        const reason = (error as { reason?: string }).reason;
        request.response = respond(error.statusCode, { error: error.name, message: error.message, ...(reason ? { reason } : {}) }, request.event);
        return;
      }
      const mapped = error ? fromMiddyError(error) : undefined;
      if (mapped) {
        request.response = respond(mapped.status, mapped.body, request.event);
        return;
      }
      const correlationId = randomUUID();
      logger.error('Unhandled error', { correlationId, errorName: error?.name, error: error as Error });
      request.response = respond(
        500,
        {
          error: 'InternalError',
          message: 'Noe gikk galt hos oss. Prøv igjen senere.',
          correlationId,
        },
        request.event,
      );
    },
  };
}
