import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What the benchmark must undo however it ends: workerd and database servers to stop, temporary
 * folders to remove. Run in reverse order at the end, on an error and on Ctrl-C.
 */
const steps = [];
let running;

export function onTeardown(step) {
  steps.push(step);
  return () => {
    const i = steps.indexOf(step);
    if (i >= 0) steps.splice(i, 1);
  };
}

export function makeTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cruz-bench-${prefix}-`));
  onTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function teardownAll() {
  running ??= (async () => {
    while (steps.length > 0) {
      const step = steps.pop();
      try {
        await step();
      } catch (error) {
        console.error('[bench] cleanup step failed:', error?.message ?? error);
      }
    }
    running = undefined;
  })();
  return running;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.error(`\n[bench] ${signal}: stopping servers and removing temporary folders...`);
    await teardownAll();
    process.exit(130);
  });
}
