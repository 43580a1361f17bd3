// `npm start`: the whole system on this machine with embedded defaults. No AWS, Docker or network.
import { resolve } from 'node:path';
import { LocalSystem } from './system';

const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.local-data/dynamodb');

const system = await LocalSystem.start({ port, dataDir, host: process.env.HOST ?? '127.0.0.1' });
const lines = [
  `Skjema for søknad:     ${system.url}/`,
  `Sekretariat:           ${system.url}/sekretariat`,
  `Økonomi:               ${system.url}/okonomi`,
  `E-post (lokal SES):    ${system.ses.viewerUrl}`,
  `API (OpenAPI):         ${system.url}/openapi.json`,
  `Data:                  ${dataDir}`,
];
console.log(`Tilskuddssystemet kjører lokalt.\n${lines.join('\n')}\nStopp med Ctrl-C.`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopper …`);
  await system.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
