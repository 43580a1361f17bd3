// The whole local system (dynalite in memory, local SES, local workflow runtime, HTTP API) on a
// ManualClock, and small helpers to talk to it only over HTTP and the mail store.
import { expect } from 'vitest';
import { apiClient } from '../../local/api-client';
import { LocalSystem } from '../../local/system';
import { clearMailStore, fetchMailStore, linkIds, mailsTo, type LocalSesMail } from '../../local/ses-local';
import { ManualClock } from '../../local/workflow-runtime';
import { getScheme } from '../../config/schemes';
import { exampleApplication, type ApplicationInput } from '../../schemas/application.schema';
import { anchoringGroup, GROUP_ANCHORING, groupRegister, type GroupAnchoring, type GroupCopy } from '../../functions/domain/anchoring';
import { periodFromNow } from './example-period';

export const DAY = 86_400_000;

export interface Harness {
  system: LocalSystem;
  clock: ManualClock;
  call(method: string, path: string, body?: unknown, as?: 'secretariat' | 'finance'): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  mails(): Promise<LocalSesMail[]>;
  mailsTo(address: string): Promise<LocalSesMail[]>;
  stop(): Promise<void>;
}

export async function startHarness(startIso = '2026-11-20T09:00:00.000Z', dataDir: string | null = null): Promise<Harness> {
  const clock = new ManualClock(startIso);
  const system = await LocalSystem.start({ port: 0, dataDir, clock, tickMs: 3_600_000 });
  await clearMailStore(system.ses.endpoint);
  return harnessFor(system, clock);
}

export function harnessFor(system: LocalSystem, clock: ManualClock): Harness {
  const mails = () => fetchMailStore(system.ses.endpoint);
  const call = apiClient(system, { secretariat: 'sekretariat-test', finance: 'okonomi-test' });
  return {
    system,
    clock,
    call: (method, path, body, as) => call(method, path, body, as),
    mails,
    mailsTo: async (address) => mailsTo(await mails(), address),
    stop: () => system.stop(),
  };
}

export { linkIds };

/** A Sør-Rogaland application: anchored in a service-model group of the register, whose leaders get copies of decisions. */
export type SorRogalandApplication = ApplicationInput & { anchoring: GroupAnchoring };

export function application(overrides: Partial<SorRogalandApplication> = {}, owner: 'municipality' | 'internal-unit' = 'municipality'): SorRogalandApplication {
  const example = exampleApplication(getScheme('sor-rogaland')!, { owner });
  const anchoring = example.anchoring;
  if (anchoring?.kind !== GROUP_ANCHORING) throw new Error('Sør-Rogaland asks for an anchoring group');
  return { ...example, anchoring, ...overrides };
}

/** The register's entry for the group an application names: its leader and deputy get the copies. */
export function groupOf(data: SorRogalandApplication): GroupCopy {
  const group = anchoringGroup(data.anchoring, groupRegister(getScheme('sor-rogaland')!));
  if (!group) throw new Error(`Sør-Rogaland's register has no group ${data.anchoring.groupId}`);
  return group;
}

/** Submits and returns the application id and the owner's link id. */
export async function submit(h: Harness, body: ApplicationInput = application(), schemeId = 'sor-rogaland'): Promise<{ id: string; ownerLink: string }> {
  const res = await h.call('POST', `/api/schemes/${schemeId}/applications`, periodFromNow(body, h.clock.now()));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await h.system.settle();
  return { id: res.body.applicationId as string, ownerLink: String(res.body.statusUrl).split('/').pop()! };
}

/** Every partner's signing link for the application, from the mails they received. */
export async function cosignLinks(h: Harness, data: ApplicationInput = application()): Promise<string[]> {
  const ids: string[] = [];
  for (const partner of data.partners) {
    const mails = (await h.mailsTo(partner.email)).filter((m) => linkIds(m, 'signering').length > 0);
    ids.push(linkIds(mails.at(-1)!, 'signering')[0]!);
  }
  return ids;
}

export async function signAll(h: Harness, data: ApplicationInput = application()): Promise<void> {
  for (const link of await cosignLinks(h, data)) {
    const res = await h.call('POST', `/api/cosign/${link}`, { decision: 'sign' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await h.system.settle();
}

/** The local runtime's executions whose name has `id` in it, as 'machine:STATUS', sorted. */
export async function executionsOf(h: Harness, id: string): Promise<string[]> {
  const all = await h.system.lifecycle.runtime.listExecutions({});
  return all.executions.filter((e) => e.name.includes(id)).map((e) => `${e.machineKey}:${e.status}`).sort();
}

/** Moves the clock to an instant in steps of at most two days (what falls due on the way runs). */
export async function advanceTo(h: Harness, iso: string): Promise<void> {
  await h.system.advance(Date.parse(iso) - h.clock.now().getTime(), 2 * DAY);
}

export async function status(h: Harness, ownerLink: string): Promise<string> {
  const res = await h.call('GET', `/api/owner/${ownerLink}`);
  expect(res.status).toBe(200);
  return res.body.status as string;
}

export const APPROVAL = { outcome: 'approve', amount: 800_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' } as const;

/** Submitted, signed by all and on the agenda of the next meeting. */
export async function scheduled(h: Harness, data: ApplicationInput = application(), schemeId = 'sor-rogaland'): Promise<{ id: string; ownerLink: string }> {
  const app = await submit(h, data, schemeId);
  await signAll(h, data);
  expect(await status(h, app.ownerLink)).toBe('scheduled');
  return app;
}

/** The committee decides in its meetings: the clock moves on (sending what falls due) to the start of the case's meeting. */
export function untilMeeting(h: Harness, id: string): Promise<void> {
  return h.system.advanceToMeeting(id);
}

export async function decide(h: Harness, id: string, body: Record<string, unknown>, expected = 201): Promise<void> {
  await untilMeeting(h, id);
  const res = await h.call('POST', `/api/staff/applications/${id}/decisions`, body, 'secretariat');
  expect(res.status, JSON.stringify(res.body)).toBe(expected);
  await h.system.settle();
}

/** Approved, paid (invoice registered and marked paid): an active grant. Returns the status-report link. */
export async function activeGrant(h: Harness, data: ApplicationInput = application(), approval: Record<string, unknown> = APPROVAL): Promise<{ id: string; ownerLink: string; statusReportLink: string }> {
  const app = await scheduled(h, data);
  await decide(h, app.id, approval);
  const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
  const payout = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string }) => p.applicationId === app.id);
  if (payout.state === 'awaiting_invoice') {
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-1' }, 'finance')).status).toBe(200);
  }
  expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/paid`, {}, 'finance')).status).toBe(200);
  await h.system.settle();
  // This grant's letter: the example owner has other grants in the same harness.
  const letter = (await h.mailsTo(data.owner.email)).find((m) => (m.body.text ?? '').includes(app.id) && linkIds(m, 'rapport').length > 0)!;
  return { ...app, statusReportLink: linkIds(letter, 'rapport')[0]! };
}

export const REPORT = { progress: 'Godt i gang', effect: 'Færre reinnleggelser', spentAmount: 300_000 } as const;
