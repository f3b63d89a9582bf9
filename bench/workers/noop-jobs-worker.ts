// The framework with one no-op job handler and nothing else (see noop-jobs.ts).
import { Module, Injectable } from '@cruzjs/core/di';
import { JOB_HANDLER, type JobHandler, type JobResult } from '@cruzjs/core/jobs';
import { benchWorker } from './bench-worker';

const NOOP_JOB = 'bench/noop';

@Injectable()
class NoopJobHandler implements JobHandler {
  metadata = { type: NOOP_JOB, description: 'Does nothing (benchmark)' };

  async run(): Promise<JobResult> {
    return { success: true };
  }
}

@Module({
  providers: [NoopJobHandler],
  jobHandlers: [{ provide: JOB_HANDLER, useClass: NoopJobHandler, multi: true }],
})
class NoopJobsModule {}

export const noopJobsWorker = benchWorker([NoopJobsModule]);
