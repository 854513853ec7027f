-- Usernames are compared without regard to case (issue 20: `Admin` was created beside `admin`,
-- and `CLERK-XIGANG` was taken as another name). Every entry point stores them in lower case
-- (lib/auth/username.ts) and the sign-in looks them up so; this constraint makes the existing
-- unique index on "username" a unique index on lower(username), and refuses any path that
-- forgets. (A functional unique index on lower("username") would leave every lookup to say
-- lower() too, and Prisma's findUnique cannot.) A CHECK constraint is beyond schema.prisma;
-- Prisma leaves it alone.

-- Accounts that differ only in case: the oldest keeps the name, in lower case; each other one
-- gets "-2", "-3"… (the administrator tells its owner; the audit trail says what happened).
CREATE TEMPORARY TABLE "username_renames" ON COMMIT DROP AS
SELECT "id", "username" AS "before",
       CASE WHEN n = 1 THEN lowered ELSE left(lowered, 36) || '-' || n END AS "after"
FROM (
  SELECT "id", "username", lower("username") AS lowered,
         row_number() OVER (PARTITION BY lower("username") ORDER BY "createdAt", "id") AS n
  FROM "User"
) ranked
WHERE "username" <> CASE WHEN n = 1 THEN lowered ELSE left(lowered, 36) || '-' || n END;

-- in two steps, since the unique index is checked row by row: `Admin` → `admin` while `admin` → `admin-2`
UPDATE "User" u SET "username" = 'renaming:' || u."id" FROM "username_renames" r WHERE u."id" = r."id";
UPDATE "User" u SET "username" = r."after" FROM "username_renames" r WHERE u."id" = r."id";

INSERT INTO "AuditEvent" ("actorLabel", "action", "entityType", "entityId", "details")
SELECT 'migration', 'user.update', 'User', "id",
       jsonb_build_object('username', "after", 'changes', jsonb_build_object('username', jsonb_build_array("before", "after")), 'reason', '用户名不再区分大小写')
FROM "username_renames";

ALTER TABLE "User" ADD CONSTRAINT "User_username_lower_case" CHECK ("username" = lower("username"));
