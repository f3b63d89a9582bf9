// @ts-check
import { readFileSync } from 'node:fs';

/** The version in @cruzjs/cli's package.json. */
export function cliVersion() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return String(pkg.version);
}
