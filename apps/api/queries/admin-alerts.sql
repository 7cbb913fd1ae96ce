-- Every statement the admin-alerts module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
insert into "admin_alerts" ("id", "kind", "dedupe_key", "payload", "created_at", "sent_at", "attempts", "last_error") values (default, $1, $2, $3, $4, default, default, default) on conflict ("dedupe_key") do nothing returning "id";
select name as queue, to_char(completed_on at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, count(*)::int as count, (array_agg(id::text order by completed_on desc))[1] as "jobId", (array_agg(coalesce(output->>'message', output::text) order by completed_on desc))[1] as error from pgboss.job where state = 'failed' and completed_on > $1 and name <> $2 group by 1, 2 order by 2, 1;
update "admin_alerts" set "attempts" = "admin_alerts"."attempts" + 1, "last_error" = $1 where "admin_alerts"."id" = $2;
update "admin_alerts" set "sent_at" = $1, "attempts" = "admin_alerts"."attempts" + 1, "last_error" = $2 where "admin_alerts"."id" = $3;
