// The session-signing secret (NEXTAUTH_SECRET / AUTH_SECRET) must be long and random in
// production: with a known one anybody can mint a session token for any account.

/** Values shipped in examples, docs and earlier versions of docker-compose.yml. */
export const KNOWN_WEAK_SECRETS = [
  "change-me-to-a-long-random-secret",
  "e2e-secret-not-for-production-0123456789",
  "secret",
  "changeme",
  "change-me",
  "nextauth_secret",
  "your-secret",
  "development",
];

export const MIN_SECRET_LENGTH = 32;

/** Why the secret is unfit for production, or null when it is fine. */
export function weakSecretReason(secret: string | undefined | null): string | null {
  const s = (secret ?? "").trim();
  if (!s) return "未设置 NEXTAUTH_SECRET";
  const lower = s.toLowerCase();
  if (KNOWN_WEAK_SECRETS.includes(lower) || /change[-_ ]?me|placeholder|example|not[-_ ]for[-_ ]production|^x+$/.test(lower)) {
    return "NEXTAUTH_SECRET 是示例或占位值";
  }
  if (s.length < MIN_SECRET_LENGTH) return `NEXTAUTH_SECRET 太短（至少 ${MIN_SECRET_LENGTH} 个字符）`;
  if (new Set(s).size < 10) return "NEXTAUTH_SECRET 不够随机";
  return null;
}
