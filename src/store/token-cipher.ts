/**
 * Bot tokens encrypted at rest (TOKEN_ENCRYPTION_KEY): AES-256-GCM with a
 * random 96-bit IV per token, so a database file or dump never holds a token
 * in clear and a changed ciphertext fails to decrypt rather than yielding
 * another token. Each ciphertext names the key it was made with (the first
 * bytes of the key's SHA-256), so a key can be rotated: the new key encrypts,
 * the previous one (TOKEN_ENCRYPTION_KEY_PREVIOUS) still decrypts until every
 * token has been written again.
 * https://nodejs.org/api/crypto.html#class-cipheriv
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const FORMAT = 'v1';

export class TokenCipherError extends Error {
  override readonly name = 'TokenCipherError';
  readonly code = 'AIGOV_TOKEN_CIPHER';
}

/** The id a ciphertext carries of its key: not the key, and not enough of it to guess it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/**
 * A key as configured: 32 bytes given as base64 (`openssl rand -base64 32`).
 * @throws TokenCipherError saying what is wrong (never the value).
 */
export function parseTokenKey(base64: string): Buffer {
  const trimmed = base64.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw new TokenCipherError('is not base64 (make one with: openssl rand -base64 32)');
  const key = Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new TokenCipherError(`must be 32 bytes, not ${key.length} (make one with: openssl rand -base64 32)`);
  return key;
}

export interface TokenCipher {
  encrypt(token: string): string;
  /** @throws TokenCipherError when the text was altered, or made with a key this cipher does not hold. */
  decrypt(sealed: string): string;
  /** True when `sealed` was made with an older key (write it again to finish a rotation). */
  isStale(sealed: string): boolean;
}

export function createTokenCipher(key: Buffer, previous: readonly Buffer[] = []): TokenCipher {
  const keys = new Map([key, ...previous].map((k) => [keyId(k), k] as const));
  const currentId = keyId(key);
  return {
    encrypt(token) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(`${FORMAT}:${currentId}`));
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return [FORMAT, currentId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
    },
    decrypt(sealed) {
      const [format, id, iv, tag, body] = sealed.split(':');
      if (format !== FORMAT || id === undefined || iv === undefined || tag === undefined || body === undefined) {
        throw new TokenCipherError('a stored token is not in the encrypted form this bot writes');
      }
      const k = keys.get(id);
      if (k === undefined) throw new TokenCipherError(`a stored token was encrypted with a key this bot does not have (key id ${id}); set TOKEN_ENCRYPTION_KEY_PREVIOUS to it`);
      try {
        const decipher = createDecipheriv(ALGORITHM, k, Buffer.from(iv, 'base64'));
        decipher.setAAD(Buffer.from(`${FORMAT}:${id}`));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenCipherError('a stored token does not decrypt: it was altered, or the key is wrong');
      }
    },
    isStale(sealed) {
      return sealed.split(':')[1] !== currentId;
    },
  };
}
