import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOutsidePaths } from './outside-paths';
import { REPO_ROOT } from './paths';

// The examples are assembled from parts so that this file does not flag itself.
const path = (...parts: string[]) => parts.join('/');

describe('findOutsidePaths', () => {
  it('flags work, home and user folders and ../shared, naming the line', () => {
    const text = [
      'ok line',
      `const SPEC = '${path('', 'work', 'shared', 'contracts', 'spec.yaml')}';`,
      `see ${path('..', 'shared', 'contracts')}/`,
      `cd ${path('', 'home', 'ann', 'crm')}`,
      `open ${path('', 'Users', 'ann', 'crm')}`,
      'C:\\Users\\ann\\crm',
    ].join('\n');
    assert.deepEqual(
      findOutsidePaths(text).map((f) => [f.line, f.kind]),
      [
        [2, 'absolute /work path'],
        [3, 'path to ../shared outside the repository'],
        [4, 'absolute /home path'],
        [5, 'absolute /Users path'],
        [6, 'absolute Windows user path'],
      ],
    );
  });

  it('leaves container, OS and URL paths and relative paths inside the repo alone', () => {
    const text = [
      'mkdir -p /var/lib/redis',
      'BENCH_SUPERGRAPH_FILE=/tmp/supergraph.graphql',
      `https://example.com${path('', 'work', 'items')}`,
      `network${path('', 'work', 'x')}`,
      'import { x } from "../../shared-types/y"',
      'schema/contracts/self-service-v2.contract.json',
      '~/work/notes',
    ].join('\n');
    assert.deepEqual(findOutsidePaths(text), []);
  });
});

describe('tracked files of the repository', () => {
  it('name no path outside the repository (tests, scripts and docs work in any clone)', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f !== '' && !f.startsWith('schema/') && !f.endsWith('package-lock.json'));
    assert.ok(files.length > 100, `git ls-files listed only ${files.length} files`);
    const problems: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(REPO_ROOT, file), 'utf8');
      } catch {
        continue; // deleted in the work tree but not yet from the index
      }
      if (text.includes('\0')) continue; // binary
      for (const f of findOutsidePaths(text)) problems.push(`${file}:${f.line}: ${f.kind}: ${f.text}`);
    }
    assert.deepEqual(problems, [], `paths outside the repository:\n${problems.join('\n')}`);
  });
});
