/**
 * Finds absolute paths to places outside the repository in a file's text: the work and home
 * folders of a particular machine (Linux, macOS and Windows user folders) and a sibling `shared`
 * folder reached with `..` (where the Self-Service contract used to be read from). A clone has
 * none of them, so a test or a doc that points there only works on the machine it was written on.
 * Paths inside a container image or the OS (`/var/lib/…`, `/tmp/…`, `/opt/…`) are not flagged.
 */

const OUTSIDE_PATHS: { name: string; pattern: RegExp }[] = [
  { name: 'absolute /work path', pattern: /(?<![\w.~-])\/work\/[\w.-]/ },
  { name: 'absolute /home path', pattern: /(?<![\w.~-])\/home\/[\w.-]/ },
  { name: 'absolute /Users path', pattern: /(?<![\w.~-])\/Users\/[\w.-]/ },
  { name: 'absolute Windows user path', pattern: /\b[A-Za-z]:[\\/]Users[\\/]/ },
  { name: 'path to ../shared outside the repository', pattern: /(?:^|[^\w.])(?:\.\.\/)+shared\// },
];

export interface OutsidePath {
  line: number;
  kind: string;
  text: string;
}

/** Every line of `text` that names a path outside the repository (1-based line numbers). */
export function findOutsidePaths(text: string): OutsidePath[] {
  const found: OutsidePath[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { name, pattern } of OUTSIDE_PATHS) {
      if (pattern.test(line)) found.push({ line: i + 1, kind: name, text: line.trim().slice(0, 160) });
    }
  });
  return found;
}
