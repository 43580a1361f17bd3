import { randomUUID } from 'node:crypto';
import type middy from '@middy/core';
import { DomainError, ValidationError } from '../domain/errors';
import { logger } from '../adapters/logger';
import { json, type HttpResult } from './responses';

/** Middy's own HTTP errors (body parsers) carry statusCode + expose; translate them to Norwegian. */
function fromMiddyError(error: { statusCode?: number; message?: string }): { status: number; body: Record<string, unknown> } | undefined {
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

/** One error policy for every handler: 4xx are explained, everything else is a generic 500. */
export function errorPolicy(): middy.MiddlewareObj<unknown, HttpResult> {
  return {
    onError: async (request) => {
      const error = request.error as (Error & { statusCode?: number }) | null;
      if (error instanceof ValidationError) {
        request.response = json(400, { error: error.name, message: error.message, fieldErrors: error.fieldErrors });
        return;
      }
      if (error instanceof DomainError && error.statusCode < 500) {
        const reason = (error as { reason?: string }).reason;
        request.response = json(error.statusCode, { error: error.name, message: error.message, ...(reason ? { reason } : {}) });
        return;
      }
      const mapped = error ? fromMiddyError(error) : undefined;
      if (mapped) {
        request.response = json(mapped.status, mapped.body);
        return;
      }
      const correlationId = randomUUID();
      logger.error('Unhandled error', { correlationId, errorName: error?.name, error: error as Error });
      request.response = json(500, {
        error: 'InternalError',
        message: 'Noe gikk galt hos oss. Prøv igjen senere.',
        correlationId,
      });
    },
  };
}
