// Benchmark 4: N grants (default 1,000) through the whole lifecycle on the local system (in memory,
// ManualClock), driven through the HTTP API in concurrent batches: submit → every partner signs →
// scheduled by the workflow → approved → payout invoiced and paid → status report → final-report
// phase started by schedule at the period's end → final report → closed.
// Run as a child process (`node --import tsx bench/scale.ts [N]`) so its memory is measured alone:
// it samples process.memoryUsage().rss and reports process.resourceUsage().maxRSS. Progress goes to
// stderr, the result is the last line of stdout (JSON).
import './env';
import { DynamoMeter, total } from './meter';
import { DAY, PROJECT_NUMBER, application, expectStatus, inBatches, startBench, type Bench, type Progress } from './lib';
import type { LinkRecord } from '../functions/domain/model';

export interface ScaleResult {
  grants: number;
  batch: number;
  closed: number;
  wallSeconds: number;
  phases: Array<{ phase: string; seconds: number }>;
  peakRssMb: number;
  maxRssMb: number;
  httpRequests: number;
  dynamo: { appCalls: number; standInCalls: number; scans: number };
  mails: number;
}

const REPORT = { progress: 'Godt i gang', effect: 'Færre reinnleggelser', spentAmount: 3_000 };

async function linksOf(b: Bench, id: string, purpose: LinkRecord['purpose']): Promise<LinkRecord[]> {
  return (await b.system.deps.store.listLinks(id)).filter((l) => l.purpose === purpose && l.state === 'active');
}

export async function runScale(n: number, batch: number, progress: Progress): Promise<ScaleResult> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  sampler.unref();
  const phases: ScaleResult['phases'] = [];
  const t0 = performance.now();
  let last = t0;
  const phase = (name: string) => {
    const now = performance.now();
    phases.push({ phase: name, seconds: (now - last) / 1000 });
    progress(`scale: ${name} done in ${((now - last) / 1000).toFixed(1)} s (rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)`);
    last = now;
  };

  const b = await startBench();
  const meter = new DynamoMeter().attach(b.dynamo);
  try {
    const amount = Math.floor(9_000_000 / n); // the 10 000 000 kr pot of 2026 has room for all of them
    progress(`scale: submitting ${n} applications, ${batch} at a time`);
    const ids = await inBatches(Array.from({ length: n }, () => application()), batch, async (data) => {
      const r = await b.call('POST', '/api/schemes/sor-rogaland/applications', data);
      expectStatus(r, 201, 'submit');
      return r.body.applicationId as string;
    });
    await b.system.settle();
    phase('submitted');

    await inBatches(ids, batch, async (id) => {
      for (const link of await linksOf(b, id, 'cosign')) expectStatus(await b.call('POST', `/api/cosign/${link.id}`, { decision: 'sign' }), 200, 'cosign');
    });
    await b.system.settle();
    const scheduled = (await b.system.deps.store.listByStatus('sor-rogaland', 'scheduled')).length;
    if (scheduled !== n) throw new Error(`${scheduled} of ${n} scheduled`);
    phase('co-signed and scheduled');

    await b.system.advanceToMeeting(ids[0]!); // all on the agenda of the next meeting, decided there
    phase('clock to the meeting');

    await inBatches(ids, batch, async (id) => {
      const r = await b.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'approve', amount, periodStart: '2027-01-01', periodEnd: '2027-12-31' }, 'secretariat');
      expectStatus(r, 201, 'decision');
    });
    await b.system.settle();
    phase('approved (payout triggers sent)');

    const payouts = await b.call('GET', `/api/finance/payouts?projectNumber=${PROJECT_NUMBER}&state=awaiting_invoice`, undefined, 'finance');
    expectStatus(payouts, 200, 'payouts');
    const list = payouts.body.payouts as Array<{ id: string }>;
    if (list.length !== n) throw new Error(`${list.length} of ${n} payouts awaiting an invoice`);
    await inBatches(list, batch, async (p, i) => {
      expectStatus(await b.call('POST', `/api/finance/payouts/${encodeURIComponent(p.id)}/invoice`, { invoiceNumber: `F-${i}` }, 'finance'), 200, 'invoice');
      expectStatus(await b.call('POST', `/api/finance/payouts/${encodeURIComponent(p.id)}/paid`, {}, 'finance'), 200, 'paid');
    });
    await b.system.settle();
    phase('invoiced and paid');

    await b.system.advance(160 * DAY);
    phase('clock +160 days (daily reminder sweeps)');
    await inBatches(ids, batch, async (id) => {
      const [link] = await linksOf(b, id, 'status-report');
      if (!link) throw new Error(`No status-report link for ${id}`);
      expectStatus(await b.call('POST', `/api/reports/${link.id}`, REPORT), 201, 'status report');
    });
    await b.system.settle();
    phase('status reports');

    await b.system.advance(280 * DAY);
    phase('clock +280 days (final-report phases start by schedule)');
    await inBatches(ids, batch, async (id) => {
      const [link] = await linksOf(b, id, 'final-report');
      if (!link) throw new Error(`No final-report link for ${id}`);
      expectStatus(await b.call('POST', `/api/reports/${link.id}`, { ...REPORT, lessonsLearned: 'Samarbeid lønner seg' }), 201, 'final report');
    });
    await b.system.settle();
    phase('final reports');

    const closed = (await b.system.deps.store.listByStatus('sor-rogaland', 'closed')).length;
    const mails = (await b.mails()).length;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      grants: n,
      batch,
      closed,
      wallSeconds: (performance.now() - t0) / 1000,
      phases,
      peakRssMb: peakRss / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      httpRequests: b.http.calls,
      dynamo: { appCalls: total(meter.app.commands), standInCalls: total(meter.standIn.commands), scans: meter.scans },
      mails,
    };
  } finally {
    clearInterval(sampler);
    meter.detach();
    await b.stop();
  }
}

// As a child process: `node --import tsx bench/scale.ts [grants] [batch]`.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) {
  const n = Number(process.argv[2] ?? 1000);
  const batch = Number(process.argv[3] ?? 50);
  const progress: Progress = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
  runScale(n, batch, progress).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`scale failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
