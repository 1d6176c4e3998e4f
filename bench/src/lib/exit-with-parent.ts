/**
 * Preloaded into every process the bench starts (`node --require`): when the bench process dies
 * without stopping its children (SIGKILL, a test runner's timeout), the child is re-parented and
 * stops itself with SIGTERM instead of holding the bench's fixed ports for the next run.
 */
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1000).unref();
