// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
import '../local/polyfills';
process.env.TZ ??= 'UTC';
