// Imported first by local/demo.ts (ES modules evaluate imports in order): the Lambda handlers'
// loggers read the level when they load, and the demo's output should be its own lines only.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING ??= '1';
