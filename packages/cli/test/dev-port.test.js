// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { runCruz } from '../test-support/run-cruz.js';

test('cruz dev on a taken port says so in one line and starts nothing', async () => {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    const result = await runCruz(['dev', '--port', String(port)]);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, `cruz dev: port ${port} is already in use (another cruz dev?). Stop it, or pick another port: cruz dev --port ${port + 1}\n`);
    assert.equal(result.stdout, '', 'no migrations ran and no URL was announced');
  } finally {
    server.close();
  }
});
