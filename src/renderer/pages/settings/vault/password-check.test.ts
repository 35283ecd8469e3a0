import { describe, expect, it } from '@jest/globals';
import { VAULT_LIMITS } from '../../../../shared/vault';
import { checkNewPassword } from './password-check';

describe('checkNewPassword', () => {
  it('asks for the minimum length, a bounded length, and the same text twice', () => {
    const short = 'x'.repeat(VAULT_LIMITS.minPasswordChars - 1);
    const fine = 'x'.repeat(VAULT_LIMITS.minPasswordChars);
    expect(checkNewPassword(short, short)).toBe('tooShort');
    expect(checkNewPassword('y'.repeat(VAULT_LIMITS.passwordChars + 1), 'y')).toBe('tooLong');
    expect(checkNewPassword(fine, `${fine}!`)).toBe('mismatch');
    expect(checkNewPassword(fine, fine)).toBeNull();
  });
});
