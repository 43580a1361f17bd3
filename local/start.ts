// `npm start`: the whole system on this machine with embedded defaults. No AWS, Docker or network.
//
//   PORT=3000                 HTTP port (the mail viewer gets PORT+1, or SES_PORT)
//   DATA_DIR=.local-data/dynamodb
//   HOST=127.0.0.1
//   LOCAL_CLOCK=manual        run on a ManualClock, moved with POST /lokal/klokke (demos, tests)
//   LOCAL_CLOCK_START=<ISO>   where the manual clock starts (default: now)
import { resolve } from 'node:path';
import { LocalSystem } from './system';
import { ManualClock } from './workflow-runtime';

function portFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`${name} må være et portnummer (0–65535), fikk «${value}».`);
    process.exit(1);
  }
  return port;
}

const port = portFrom('PORT', process.env.PORT, 3000);
// A stable viewer URL next to the app; PORT=0 (a free port) gives the viewer a free port too.
const sesPort = portFrom('SES_PORT', process.env.SES_PORT, port === 0 || port === 65_535 ? 0 : port + 1);
const dataDir = resolve(process.env.DATA_DIR ?? '.local-data/dynamodb');
const host = process.env.HOST ?? '127.0.0.1';

let clock: ManualClock | undefined;
const clockMode = (process.env.LOCAL_CLOCK ?? '').trim().toLowerCase();
if (clockMode === 'manual') {
  const start = process.env.LOCAL_CLOCK_START?.trim();
  const startMs = start ? Date.parse(start) : Date.now();
  if (Number.isNaN(startMs)) {
    console.error(`LOCAL_CLOCK_START må være et tidspunkt i ISO 8601, for eksempel 2026-11-20T09:00:00Z; fikk «${start}».`);
    process.exit(1);
  }
  clock = new ManualClock(startMs);
} else if (clockMode !== '' && clockMode !== 'real') {
  console.error(`LOCAL_CLOCK kan være «manual» eller «real», fikk «${process.env.LOCAL_CLOCK}».`);
  process.exit(1);
}

let system: LocalSystem;
try {
  system = await LocalSystem.start({ port, sesPort, dataDir, host, ...(clock ? { clock } : {}) });
} catch (error) {
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /could not listen/i.test(String(error));
  console.error(busy ? `Porten er i bruk (PORT=${port}, e-postviseren ${sesPort}). Velg en annen med PORT=….` : 'Kunne ikke starte systemet:', busy ? '' : error);
  process.exit(1);
}

const osloTime = new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' });
const lines = [
  `Skjema for søknad:     ${system.url}/`,
  `Sekretariat:           ${system.url}/sekretariat`,
  `Økonomi:               ${system.url}/okonomi`,
  `Innlogging (lokal):    ${system.url}/innlogging`,
  `E-post (lokal SES):    ${system.ses.viewerUrl}`,
  `API (OpenAPI):         ${system.url}/openapi.json`,
  ...(clock ? [`Klokke (manuell):      ${system.url}/lokal/klokke`] : []),
  `Data:                  ${dataDir}`,
];
console.log(`Tilskuddssystemet kjører lokalt.\n${lines.join('\n')}`);
if (clock) {
  console.log(
    `Systemet går på en manuell klokke, nå ${osloTime.format(clock.now())} (Oslo). ` +
      `Flytt den med POST /lokal/klokke {"advanceDays": 7} eller {"to": "<ISO>"}.`,
  );
}
console.log('Stopp med Ctrl-C.');

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) {
    // A second Ctrl-C while stopping: give up waiting.
    console.log(`\n${signal} igjen: avslutter med en gang.`);
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopper …`);
  const stuck = setTimeout(() => {
    console.error('Stoppet ikke innen 15 sekunder; avslutter.');
    process.exit(1);
  }, 15_000);
  stuck.unref();
  try {
    await system.stop();
  } catch (error) {
    console.error('Feil under stopp:', error);
    process.exit(1);
  }
  console.log('Stoppet.');
  if (clock) console.log(`Klokken sto på ${clock.now().toISOString()}; start med LOCAL_CLOCK_START=${clock.now().toISOString()} for å fortsette derfra.`);
  process.exit(0);
}
process.on('SIGINT', (signal) => void shutdown(signal));
process.on('SIGTERM', (signal) => void shutdown(signal));
