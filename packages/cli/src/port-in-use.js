// @ts-check
import { connect } from 'node:net';

/**
 * Whether something already accepts connections on `port` at `host` (by default localhost over
 * IPv4 or IPv6, where vite listens). Checked before starting, so a taken port is one clear line
 * instead of a stack trace after the migrations.
 *
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<boolean>}
 */
export async function isPortInUse(port, host) {
  const hosts = host && host !== '0.0.0.0' && host !== '::' ? [host] : ['127.0.0.1', '::1'];
  const answers = await Promise.all(hosts.map((h) => accepts(h, port)));
  return answers.some(Boolean);
}

/** @param {string} host @param {number} port @returns {Promise<boolean>} */
function accepts(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (/** @type {boolean} */ answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
