// Imported first by every benchmark entry point: quiet logs and the same time zone as the tests.
// (ESM evaluates imports in order, so these are set before the logger module reads them.)
import '../local/polyfills';

process.env.TZ ??= 'UTC';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING ??= '1';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
export {};
