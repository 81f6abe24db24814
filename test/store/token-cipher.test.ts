import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenCipherError, createTokenCipher, parseTokenKey } from '../../src/store/token-cipher.ts';

const TOKEN = 'xoxb-1234-5678-abcdefghijklmnopqrstuvwx';

describe('token cipher', () => {
  it('round-trips a token, never showing it, a new IV each time', () => {
    const cipher = createTokenCipher(randomBytes(32));
    const a = cipher.encrypt(TOKEN);
    const b = cipher.encrypt(TOKEN);
    expect(a).not.toContain('xoxb');
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe(TOKEN);
    expect(cipher.decrypt(b)).toBe(TOKEN);
  });

  it('refuses an altered ciphertext and a wrong key, saying which', () => {
    const cipher = createTokenCipher(randomBytes(32));
    const sealed = cipher.encrypt(TOKEN);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[4] ?? '', 'base64');
    body[0] = (body[0] ?? 0) ^ 1;
    const altered = [...parts.slice(0, 4), body.toString('base64')].join(':');
    expect(() => cipher.decrypt(altered)).toThrow(/altered/);
    expect(() => createTokenCipher(randomBytes(32)).decrypt(sealed)).toThrow(/key this bot does not have/);
    expect(() => cipher.decrypt('xoxb-plain')).toThrow(/not in the encrypted form/);
  });

  it('rotates: the previous key still decrypts, and says the token is stale', () => {
    const old = randomBytes(32);
    const sealed = createTokenCipher(old).encrypt(TOKEN);
    const rotated = createTokenCipher(randomBytes(32), [old]);
    expect(rotated.decrypt(sealed)).toBe(TOKEN);
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.encrypt(TOKEN))).toBe(false);
  });

  it('takes a key of 32 bytes in base64 only, naming the problem, not the value', () => {
    const key = randomBytes(32).toString('base64');
    expect(parseTokenKey(key)).toHaveLength(32);
    expect(() => parseTokenKey(randomBytes(16).toString('base64'))).toThrow(/must be 32 bytes, not 16/);
    expect(() => parseTokenKey('not base64!')).toThrow(/is not base64/);
    const refused = (() => {
      try {
        parseTokenKey('c2VjcmV0LXZhbHVl');
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(TokenCipherError);
    expect(String(refused)).not.toContain('c2VjcmV0LXZhbHVl');
  });
});
