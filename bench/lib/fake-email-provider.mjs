import http from 'node:http';

/**
 * The email provider, faked: a loopback HTTP server that answers every POST with 200 and a message id
 * after `delayMs`, as a real provider's API would after its round trip. Counts what it received.
 */
export async function startFakeEmailProvider({ delayMs = 500 } = {}) {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        received++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: `fake-${received}` }));
      }, delayMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    address: `127.0.0.1:${port}`,
    get received() {
      return received;
    },
    resetCount() {
      received = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
