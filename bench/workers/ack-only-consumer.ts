// The throughput baseline: the same messages through the same local queue, to a consumer that only acks.
type Env = { JOBS: Queue<{ jobId: string }> };

let acked = 0;
let firstSentAt = 0;
let lastAckedAt = 0;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/__bench/send') {
      const { count } = (await request.json()) as { count: number };
      acked = 0;
      lastAckedAt = 0;
      firstSentAt = Date.now();
      // As the job dispatcher sends: one sendBatch per 100 messages.
      for (let i = 0; i < count; i += 100) {
        const n = Math.min(100, count - i);
        await env.JOBS.sendBatch(Array.from({ length: n }, (_, k) => ({ body: { jobId: `ack-${i + k}` }, delaySeconds: 0 })));
      }
      return Response.json({ startedAt: firstSentAt, endedAt: Date.now() });
    }
    if (url.pathname === '/__bench/acked') return Response.json({ acked, firstSentAt, lastAckedAt });
    if (url.pathname === '/__bench/ping') return Response.json({ ok: true });
    return new Response('not found', { status: 404 });
  },
  async queue(batch) {
    for (const message of batch.messages) message.ack();
    acked += batch.messages.length;
    lastAckedAt = Date.now();
  },
} satisfies ExportedHandler<Env>;
