export { JOB_HANDLER, type JobHandler, type JobResult, type Job, type JobHandlerMetadata } from './job-handler';
export { JobService, type CreateJobInput, type PreparedJob } from './job-service';
export { JobRunner, type RunOutcome, DEFAULT_LEASE_MS } from './job-runner';
export { NonRetryableError } from './non-retryable-error';
export { RetryPolicy, DEFAULT_BACKOFF_SECONDS, DEFAULT_RETRIES } from './retry-policy';
export { CLOCK, systemClock, ManualClock, type Clock } from './clock';
export { jobs, JOB_STATUSES, type JobStatus, type JobRow } from './job.schema';
export type { JobMessage } from './job-dispatcher';
export { JobSweeper, DEFAULT_SWEEPER_OPTIONS, type SweeperOptions, type SweepReport } from './job-sweeper';
