// Fails when build output or installed packages are tracked by git: they belong to each machine.
import { execFileSync } from 'node:child_process';

const FOLDERS = ['node_modules', 'out', 'test-results'];
let tracked;
try {
  tracked = execFileSync('git', ['ls-files', '--', ...FOLDERS], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    .split('\n')
    .filter(Boolean);
} catch {
  process.exit(0); // not a git checkout (an unpacked archive): nothing can be tracked
}
if (tracked.length) {
  const folders = [...new Set(tracked.map((path) => path.split('/')[0]))].join(', ');
  console.error(`${tracked.length} files under ${folders} are tracked by git; run: git rm -r --cached ${folders}`);
  process.exit(1);
}
