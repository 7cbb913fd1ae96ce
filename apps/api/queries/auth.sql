-- Every statement the auth module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
delete from "rate_limits" where ("rate_limits"."key" = $1 or starts_with("rate_limits"."key", $2) or starts_with("rate_limits"."key", $3) or starts_with("rate_limits"."key", $4));
insert into "email_tokens" ("id", "user_id", "purpose", "token_hash", "expires_at", "used_at", "created_at") values (default, $1, $2, $3, $4, default, $5);
insert into "organisations" ("id", "name", "created_at") values (default, $1, $2) returning "id";
insert into "refresh_tokens" ("id", "session_id", "token_hash", "used_at", "created_at") values (default, $1, $2, default, $3);
insert into "sessions" ("id", "user_id", "user_agent", "ip", "created_at", "last_used_at", "expires_at", "revoked_at", "revoked_reason") values (default, $1, $2, $3, $4, $5, $6, default, default) returning "id";
insert into "users" ("id", "email", "password_hash", "role", "status", "first_name", "last_name", "locale", "time_zone", "phone", "country_of_residence", "citizenship", "organisation_id", "goals", "notification_preferences", "email_verified_at", "failed_login_count", "locked_until", "created_at", "updated_at") values (default, $1, $2, $3, default, $4, $5, $6, $7, default, default, default, default, default, default, default, default, default, $8, $9) on conflict ("email") do nothing returning "id", "email", "password_hash", "role", "status", "first_name", "last_name", "locale", "time_zone", "phone", "country_of_residence", "citizenship", "organisation_id", "goals", "notification_preferences", "email_verified_at", "failed_login_count", "locked_until", "created_at", "updated_at";
insert into "users" ("id", "email", "password_hash", "role", "status", "first_name", "last_name", "locale", "time_zone", "phone", "country_of_residence", "citizenship", "organisation_id", "goals", "notification_preferences", "email_verified_at", "failed_login_count", "locked_until", "created_at", "updated_at") values (default, $1, $2, $3, default, $4, $5, $6, default, default, default, default, default, default, default, default, default, default, $7, $8) on conflict ("email") do nothing returning "id", "email", "password_hash", "role", "status", "first_name", "last_name", "locale", "time_zone", "phone", "country_of_residence", "citizenship", "organisation_id", "goals", "notification_preferences", "email_verified_at", "failed_login_count", "locked_until", "created_at", "updated_at";
insert into rate_limits (key, hits, reset_at) values ($1, 1, $2) on conflict (key) do update set hits = case when rate_limits.reset_at <= $3 then 1 else rate_limits.hits + 1 end, reset_at = case when rate_limits.reset_at <= $4 then excluded.reset_at else rate_limits.reset_at end returning hits, reset_at;
update "email_tokens" set "used_at" = $1 where "email_tokens"."id" = $2;
update "email_tokens" set "used_at" = $1 where ("email_tokens"."user_id" = $2 and "email_tokens"."purpose" = $3 and "email_tokens"."used_at" is null);
update "refresh_tokens" set "used_at" = $1 where "refresh_tokens"."id" = $2;
update "sessions" set "revoked_at" = $1, "revoked_reason" = $2 where "sessions"."id" = $3;
update "sessions" set "revoked_at" = $1, "revoked_reason" = $2 where ("sessions"."id" = $3 and "sessions"."user_id" = $4 and "sessions"."revoked_at" is null) returning "id";
update "sessions" set "revoked_at" = $1, "revoked_reason" = $2 where ("sessions"."user_id" = $3 and "sessions"."revoked_at" is null and "sessions"."id" <> $4) returning "id";
update "sessions" set "revoked_at" = $1, "revoked_reason" = $2 where ("sessions"."user_id" = $3 and "sessions"."revoked_at" is null) returning "id";
update "sessions" set "user_agent" = $1, "ip" = $2, "last_used_at" = $3, "expires_at" = $4 where "sessions"."id" = $5;
update "users" set "email_verified_at" = $1, "updated_at" = $2 where ("users"."id" = $3 and "users"."email_verified_at" is null);
update "users" set "organisation_id" = $1 where "users"."id" = $2;
update "users" set "password_hash" = $1, "email_verified_at" = $2, "updated_at" = $3 where "users"."id" = $4;
update "users" set "password_hash" = $1, "updated_at" = $2 where "users"."id" = $3;
update "users" set "role" = $1, "email_verified_at" = $2, "created_at" = $3 where "users"."email" = $4;
update sessions set revoked_at = $1, revoked_reason = 'logout' where revoked_at is null and id = (select session_id from refresh_tokens where token_hash = $2) returning id, user_id;
with ended as ( update sessions set revoked_at = $1, revoked_reason = $2 where user_id = $3 and revoked_at is null returning id) select count(*)::int as ended, pg_notify($4, json_build_object($5::text, $6::json, $7::text, $8::json, $9::text, json_agg(id))::text) from ended having count(*) > 0;
