import { bytesToBase64 } from './bytes';

/** 256 random bits, base64url without padding (43 characters): safe in cookies and URL paths. */
export function randomToken(): string {
  return bytesToBase64(crypto.getRandomValues(new Uint8Array(32))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
