import fs from 'node:fs';
import { runCommand } from '../lib/child-process.mjs';

let updated = false;

/**
 * Makes sure a server binary from a Debian package is there: `find()` returns its path or null.
 * When it is missing and `install` is allowed (root, full run), `apt-get install -y <package>` is
 * tried once. Returns { path } or { skipped: reason }.
 */
export async function ensureDebianBinary({ find, packageName, install }) {
  const found = find();
  if (found) return { path: found };
  if (!install) return { skipped: `${packageName} is not installed (apt-get install -y ${packageName}); not installed by --quick` };
  if (process.getuid?.() !== 0) return { skipped: `${packageName} is not installed and installing it needs root: apt-get install -y ${packageName}` };
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    const update = await runCommand('apt-get', ['update', '-qq'], { env, timeoutMs: 300_000 });
    if (update.code !== 0) return { skipped: `apt-get update failed: ${lastLine(update)}` };
    updated = true;
  }
  const result = await runCommand('apt-get', ['install', '-y', '-qq', packageName], { env, timeoutMs: 600_000 });
  if (result.code !== 0) return { skipped: `apt-get install -y ${packageName} failed: ${lastLine(result)}` };
  const after = find();
  return after ? { path: after, installed: true } : { skipped: `${packageName} installed, but its binary was not found` };
}

export function firstExisting(paths) {
  return paths.find((p) => fs.existsSync(p)) ?? null;
}

function lastLine({ stderr, stdout }) {
  return (stderr.trim() || stdout.trim()).split('\n').pop();
}
