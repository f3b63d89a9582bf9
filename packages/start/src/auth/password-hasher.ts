import { Injectable } from '@cruzjs/core/di';
import { base64ToBytes, bytesToBase64, timingSafeEqual } from './bytes';

/** PBKDF2-SHA-256 with 100,000 iterations: the most Workers' WebCrypto allows. */
const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = 'pbkdf2-sha256';

@Injectable()
export class PasswordHasher {
  async hash(password: string): Promise<string> {
    const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const hash = await derive(password, salt, ITERATIONS);
    return `${SCHEME}$${ITERATIONS}$${bytesToBase64(salt)}$${bytesToBase64(hash)}`;
  }

  /** Constant-time comparison of the derived key with the stored one. */
  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, iterations, salt, hash] = stored.split('$');
    if (scheme !== SCHEME || !iterations || !salt || !hash) return false;
    const expected = base64ToBytes(hash);
    const actual = await derive(password, base64ToBytes(salt), Number(iterations));
    return timingSafeEqual(actual, expected);
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}
