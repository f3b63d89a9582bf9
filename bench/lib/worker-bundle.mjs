import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './repo-root.mjs';

/**
 * Bundles one bench/workers/*.ts entry for workerd the way wrangler does (ES module, the `workerd`
 * and `browser` export conditions, `node:*` left to nodejs_compat). Decorators follow the root
 * tsconfig (experimentalDecorators); esbuild emits no design:paramtypes, so the code's explicit
 * @inject tokens are what wires it.
 */
export async function bundleWorker(entryName, outDir) {
  const entry = path.join(REPO_ROOT, 'bench/workers', `${entryName}.ts`);
  const outfile = path.join(outDir, `${entryName}.mjs`);
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
    external: ['node:*', 'cloudflare:*'],
    tsconfig: path.join(REPO_ROOT, 'tsconfig.json'),
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'silent',
  });
  const bytes = result.metafile.outputs[path.relative(process.cwd(), outfile)]?.bytes ?? null;
  return { path: outfile, bytes };
}
