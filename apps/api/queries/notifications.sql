-- Every statement the notifications module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
insert into "notifications" ("id", "user_id", "type", "params", "link", "read_at", "created_at") values (default, $1, $2, $3, $4, default, $5) returning "id";
select "id", "user_id", "type", "params", "link", "read_at", "created_at" from "notifications" where "notifications"."user_id" = $1 order by "notifications"."created_at" desc, "notifications"."id" desc limit $2;
select "id", "user_id", "type", "params", "link", "read_at", "created_at" from "notifications" where ("notifications"."user_id" = $1 and ("notifications"."created_at", "notifications"."id") < ($2, $3)) order by "notifications"."created_at" desc, "notifications"."id" desc limit $4;
update "notifications" set "read_at" = $1 where ("notifications"."user_id" = $2 and "notifications"."read_at" is null and "notifications"."id" = any($3));
update "notifications" set "read_at" = $1 where ("notifications"."user_id" = $2 and "notifications"."read_at" is null);
