// The one password rule, shared by the change-password form (the browser checks as you type)
// and the server (which decides). Never logs or returns the password itself.
import { COMMON_PASSWORDS } from "./common-passwords";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

const COMMON = new Set(COMMON_PASSWORDS);

/** "Password1!" → "password": the list entry a common password with a trailing digit/symbol reduces to. */
function withoutTrailingDecoration(password: string) {
  return password.replace(/[0-9!@#$%^&*.?_\-+=~]{1,2}$/, "");
}

/** The reason a new password is refused, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, { username }: { username?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符。`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符。`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(withoutTrailingDecoration(lower))) return "该密码属于最常见的密码，极易被猜中，请换一个。";
  if (/^(.)\1+$/.test(password)) return "密码不能由同一个字符重复组成。";
  if (username && lower.includes(username.toLowerCase())) return "密码不能包含用户名。";
  return null;
}
