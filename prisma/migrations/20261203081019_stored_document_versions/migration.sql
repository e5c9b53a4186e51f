-- Every stored JSON document carries the version of its shape (server/storage migrates older ones).
-- Written by `npm run db:migration`, which rebuilt both tables; SQLite adds a NOT NULL column with
-- a constant default in place, so two ALTERs do the same without copying the run history.
ALTER TABLE "Resource" ADD COLUMN "configVersion" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Run" ADD COLUMN "schemaVersion" INTEGER NOT NULL DEFAULT 1;
