// Usernames are compared without regard to case: `Admin` and `admin` are one name. Every entry
// point (admin form, CSV onboarding, sign-in) stores and looks names up through this, and the
// database refuses a name that is not in lower case (migration username_lower_case), so the
// unique index on "username" holds for every spelling.

/** The stored form of a username: trimmed, lower case (usernames are ASCII: USERNAME_PATTERN). */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}
