import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { COVERAGE_FILE, coverageReport, currentCoverage } from './coverage-report';
import { REPO_ROOT } from './paths';

// `npm run contracts:coverage`: writes schema/rest/coverage.md and prints the totals.
try {
  const coverage = currentCoverage();
  const path = join(REPO_ROOT, 'schema', COVERAGE_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, coverageReport(coverage));
  const { served, total, tags } = coverage.selfService;
  process.stdout.write(
    `wrote ${relative(REPO_ROOT, path)}: Self-Service ${served} of ${total} operations served (${tags.filter((t) => t.served > 0).length} of ${tags.length} tags), ` +
      `Back-Office ${coverage.backOffice.total} operations, ${coverage.selfServiceNotInContract.length} Self-Service routes not in the contract\n`,
  );
} catch (err) {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
