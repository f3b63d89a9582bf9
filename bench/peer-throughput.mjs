import pg from 'pg';
import { startPostgres } from './peers/postgres-server.mjs';
import { startRedis } from './peers/redis-server.mjs';
import { runPgBoss, PG_BOSS_SETTINGS } from './peers/pg-boss.mjs';
import { runGraphileWorker, GRAPHILE_WORKER_SETTINGS } from './peers/graphile-worker.mjs';
import { runBullMq, BULLMQ_SETTINGS } from './peers/bullmq.mjs';
import { median } from './lib/statistics.mjs';

/**
 * Benchmark 5. The same `jobs` no-op jobs end to end through what a developer would pick instead:
 * pg-boss and graphile-worker on PostgreSQL, BullMQ on Redis, servers from Debian's packages started
 * here on loopback and stopped after. A peer whose server cannot be had is skipped, saying why.
 */
export async function measurePeers({ jobs, rounds, install, log }) {
  const peers = {};
  const postgres = await startPostgres({ install });
  if (postgres.skipped) {
    log(`  PostgreSQL skipped: ${postgres.skipped}`);
    peers.pgBoss = { skipped: postgres.skipped };
    peers.graphileWorker = { skipped: postgres.skipped };
  } else {
    try {
      peers.pgBoss = await runRounds('pg-boss', rounds, log, async (round) => runPgBoss({ connectionString: await freshDatabase(postgres, `pgboss_${round}`), count: jobs }));
      peers.pgBoss.settings = PG_BOSS_SETTINGS;
      peers.graphileWorker = await runRounds('graphile-worker', rounds, log, async (round) =>
        runGraphileWorker({ connectionString: await freshDatabase(postgres, `graphile_${round}`), count: jobs }),
      );
      peers.graphileWorker.settings = GRAPHILE_WORKER_SETTINGS;
      peers.pgBoss.server = peers.graphileWorker.server = postgres.version;
    } finally {
      await postgres.stop();
    }
  }
  const redis = await startRedis({ install });
  if (redis.skipped) {
    log(`  Redis skipped: ${redis.skipped}`);
    peers.bullmq = { skipped: redis.skipped };
  } else {
    try {
      peers.bullmq = await runRounds('BullMQ', rounds, log, () => runBullMq({ port: redis.port, count: jobs }));
      peers.bullmq.settings = BULLMQ_SETTINGS;
      peers.bullmq.server = redis.version;
    } finally {
      await redis.stop();
    }
  }
  return { jobs, rounds, peers };
}

async function runRounds(name, rounds, log, runOnce) {
  const samples = [];
  for (let round = 0; round < rounds; round++) {
    const sample = await runOnce(round);
    samples.push(sample);
    log(`  ${name} round ${round + 1}/${rounds}: ${sample.jobsPerSecond.toFixed(0)} jobs/s over ${sample.seconds.toFixed(2)} s`);
  }
  return { jobsPerSecond: median(samples.map((s) => s.jobsPerSecond)), samples };
}

/** A new, empty database for one round of one peer. */
async function freshDatabase(postgres, name) {
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return postgres.url(name);
}
