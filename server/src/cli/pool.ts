// Checks many files on all cores: worker threads, each running `checkFile` on one file at a time,
// handed the next file as soon as it reports. Reports come back in any order; the caller sorts.
import * as os from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { CheckJob, FileReport, checkFile } from './checkFile';

/** Below this many files a worker's start-up (loading the bundle) costs more than it saves. */
const MIN_FILES_PER_WORKER = 8;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Runs `jobs` through `checkFile`, in `workerScript` threads when there are enough files to be
 * worth it (`workers` is the most to start), else in this thread. `onReport` sees each report as
 * it arrives (for progress).
 */
export async function checkAll(jobs: readonly CheckJob[], workerScript: string, workers: number, onReport: (report: FileReport) => void): Promise<FileReport[]> {
  const threads = Math.min(workers, Math.floor(jobs.length / MIN_FILES_PER_WORKER));
  if (threads <= 1) {
    return jobs.map((job) => {
      const report = checkSafely(job);
      onReport(report);
      return report;
    });
  }
  const reports: FileReport[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(workerScript);
        const sendNext = () => {
          if (next < jobs.length) {
            worker.postMessage(jobs[next++]);
          } else {
            void worker.terminate().then(() => resolve());
          }
        };
        worker.on('message', (report: FileReport) => {
          reports.push(report);
          onReport(report);
          sendNext();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0 && code !== 1) {
            reject(new Error(`a worker thread stopped with exit code ${code}`));
          }
        });
        sendNext();
      }),
    ),
  );
  return reports;
}

/** The worker thread's side: check each file the main thread sends, send back its report. */
export function serveChecks(): void {
  parentPort?.on('message', (job: CheckJob) => parentPort?.postMessage(checkSafely(job)));
}

/** A bug in one file's check is that file's error, not the end of the run. */
function checkSafely(job: CheckJob): FileReport {
  try {
    return checkFile(job);
  } catch (error) {
    return { path: job.path, displayPath: job.displayPath, findings: [], error: `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
}
