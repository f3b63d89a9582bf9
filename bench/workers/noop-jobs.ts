// Job throughput and Job table scale: the framework with one no-op job handler and nothing else.
import { noopJobsWorker } from './noop-jobs-worker';

export default noopJobsWorker.handler;
