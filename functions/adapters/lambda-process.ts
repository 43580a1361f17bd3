// Stands in for `node:process` in the Lambda bundles (esbuild alias in infra/lambda-bundling.ts).
// Node builds the ES-module namespace of a built-in by reading every property once, and on
// `process` that runs lazy getters such as allowedNodeEnvironmentFlags: about 5 ms of every cold
// start, spent on the SDK's `import { env, versions } from "node:process"`. The global is the same
// object. A name missing here fails the build ("No matching export"), not a request.
const nodeProcess = globalThis.process;

export default nodeProcess;
export const env = nodeProcess.env;
export const versions = nodeProcess.versions;
