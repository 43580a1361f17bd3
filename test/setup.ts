// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
import '../local/polyfills';
process.env.TZ ??= 'UTC';
// Keep test output readable; tests that check logging set their own level.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
