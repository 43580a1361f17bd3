// `npm run demo`: the local system in memory on a manual clock from 20.11.2026 09:00 (Oslo), six
// grants sent through different paths of the lifecycle over HTTP, a timeline per grant and the
// e-mails that went out. The mail viewer stays up until Ctrl-C (`--exit` or DEMO_EXIT=1: exit).
//
//   PORT=3000   the demo's HTTP port (the mail viewer gets PORT+1); busy ports: free ones instead
import './demo-env';
import { LocalSystem } from './system';
import { ManualClock } from './workflow-runtime';
import { formatMails, formatTimelines, runDemoScenarios } from './demo-scenarios';
import { osloInstant } from '../functions/domain/oslo-time';

const exitAtEnd = process.argv.includes('--exit') || /^(1|true|yes)$/i.test(process.env.DEMO_EXIT ?? '');
const wantedPort = Number(process.env.PORT ?? 3000);
const DEMO_START = osloInstant('2026-11-20', '09:00');

async function startSystem(clock: ManualClock): Promise<LocalSystem> {
  const port = Number.isInteger(wantedPort) && wantedPort > 0 && wantedPort < 65_535 ? wantedPort : 0;
  try {
    return await LocalSystem.start({ port, sesPort: port === 0 ? 0 : port + 1, dataDir: null, clock, tickMs: 3_600_000 });
  } catch (error) {
    if (port === 0) throw error;
    // `npm start` may hold the usual ports: the demo runs on free ones instead.
    console.log(`Port ${port} eller ${port + 1} er i bruk; demoen bruker ledige porter.`);
    return LocalSystem.start({ port: 0, sesPort: 0, dataDir: null, clock, tickMs: 3_600_000 });
  }
}

const clock = new ManualClock(DEMO_START);
const system = await startSystem(clock);
console.log(`Demo: Helsefellesskapet i Sør-Rogaland, klokken starter 20.11.2026 kl. 09:00 (Oslo).`);
console.log(`Systemet kjører på ${system.url}; e-postene kan leses på ${system.ses.viewerUrl}\n`);

let result;
try {
  result = await runDemoScenarios(system, { log: (line) => console.log(line) });
} catch (error) {
  console.error('\nDemoen stoppet:', error instanceof Error ? error.message : error);
  await system.stop().catch(() => undefined);
  process.exit(1);
}

console.log('\n=== Tidslinje per søknad (fra sakens historikk) ===\n');
console.log(formatTimelines(result));
console.log(`\n=== E-post som ble sendt (${result.mails.length}) ===\n`);
console.log(formatMails(result));
const wrong = result.grants.filter((g) => g.status !== g.expectedStatus);
if (wrong.length) console.log(`\nAdvarsel: ${wrong.map((g) => `${g.key} endte som ${g.status}, ventet ${g.expectedStatus}`).join('; ')}`);

async function stop(code: number): Promise<never> {
  await system.stop().catch((error: unknown) => console.error('Feil under stopp:', error));
  process.exit(code);
}

if (exitAtEnd) {
  await stop(wrong.length ? 1 : 0);
} else {
  console.log(`\nLes e-postene i e-postviseren: ${system.ses.viewerUrl}`);
  console.log(`Systemet kjører videre på ${system.url} (klokken står på ${clock.now().toISOString()}). Stopp med Ctrl-C.`);
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('\nStopper …');
    void stop(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
