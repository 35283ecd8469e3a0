import { VAULT_LIMITS } from '../../../../shared/vault';

export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch' | null;

/** What is wrong with a new password and its confirmation, before the host is asked. */
export function checkNewPassword(password: string, confirmation: string): PasswordProblem {
  if (password.length < VAULT_LIMITS.minPasswordChars) return 'tooShort';
  if (password.length > VAULT_LIMITS.passwordChars) return 'tooLong';
  if (password !== confirmation) return 'mismatch';
  return null;
}
