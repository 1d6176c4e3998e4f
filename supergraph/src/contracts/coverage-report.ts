import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { restRoutes } from '../rest/routes';
import { computeCoverage, contractOperations, renderCoverage, servedRoutes, type Coverage } from './coverage';
import { REPO_ROOT, SELF_SERVICE_CONTRACT } from './paths';

/** Where the report goes, relative to schema/. */
export const COVERAGE_FILE = 'rest/coverage.md';

/** The coverage of the committed Self-Service contract by the facade's real route table. */
export function currentCoverage(): Coverage {
  const contract: unknown = JSON.parse(readFileSync(SELF_SERVICE_CONTRACT, 'utf8'));
  return computeCoverage(contractOperations(contract), servedRoutes(restRoutes()));
}

/** schema/rest/coverage.md as it should be now. */
export function coverageReport(coverage: Coverage = currentCoverage()): string {
  return renderCoverage(coverage, relative(REPO_ROOT, SELF_SERVICE_CONTRACT));
}
