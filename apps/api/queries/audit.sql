-- Every statement the audit module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
insert into "audit_log" ("id", "actor_id", "action", "subject_type", "subject_id", "dossier_id", "before", "after", "ip", "created_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, default);
