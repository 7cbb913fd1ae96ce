-- Every statement the platform layer sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
LISTEN capitune_events;
alter schema pgboss rename to pgboss_v10;
delete from "pending_uploads" where "pending_uploads"."blob_key" = $1;
delete from rate_limits where key = $1;
drop schema pgboss_v10 cascade;
insert into "outbox" ("id", "to_address", "locale", "template", "subject", "text", "html", "attachments", "created_at", "sent_at", "attempts", "last_error") values (default, $1, $2, $3, $4, $5, $6, $7, $8, default, default, default) returning "id";
insert into "pending_uploads" ("blob_key", "created_at") values ($1, $2);
insert into pgboss.job (id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, expire_seconds, deletion_seconds, singleton_key, singleton_on, start_after, created_on, keep_until, policy) select j.id, j.name, j.priority, j.data, (case when j.state::text = 'active' then 'retry' else j.state::text end)::pgboss.job_state, j.retry_limit, j.retry_count, j.retry_delay, j.retry_backoff, q.expire_seconds, q.deletion_seconds, j.singleton_key, j.singleton_on, j.start_after, j.created_on, j.keep_until, q.policy from pgboss_v10.job j join pgboss.queue q on q.name = j.name where j.state::text in ('created', 'retry', 'active') on conflict do nothing;
insert into rate_limits (key, hits, reset_at) values ($1, 0, $2) on conflict (key) do update set hits = 0, reset_at = excluded.reset_at;
insert into rate_limits (key, hits, reset_at) values ($1, 1, $2) on conflict (key) do update set hits = case when rate_limits.reset_at <= $3 then 1 else rate_limits.hits + 1 end, reset_at = case when rate_limits.reset_at <= $4 then excluded.reset_at else rate_limits.reset_at end returning hits, reset_at;
select "dossiers"."id", "dossiers"."owner_id", "dossiers"."program_id", "dossiers"."status", "dossiers"."organisation_id", "dossiers"."agent_id", "dossiers"."agent_since", "dossiers"."file_number", "dossiers"."created_at", "dossiers"."updated_at", "users"."organisation_id", case when "pro_standing_basis"."status" is distinct from 'verified' then 'not_verified' when "pro_standing_basis"."renewal_date" is null or "pro_standing_basis"."renewal_date" >= $1::date then 'verified' when "pro_standing_basis"."renewal_date" + $2::int >= $3::date then 'grace' else 'not_verified' end from "dossiers" left join "users" on "users"."id" = $4 left join "pro_standing_basis" on "pro_standing_basis"."user_id" = "users"."id" where "dossiers"."id" = $5;
select "id", "email", "password_hash", "role", "status", "first_name", "last_name", "locale", "time_zone", "phone", "country_of_residence", "citizenship", "organisation_id", "goals", "notification_preferences", "email_verified_at", "failed_login_count", "locked_until", "created_at", "updated_at" from "users" where "users"."email" = $1;
select "id", "role", "status", "locale", "first_name", "last_name", "created_at" from "users" where "users"."id" = $1;
select "key", "hits", "reset_at" from "rate_limits" where ("rate_limits"."key" = any($1) and "rate_limits"."reset_at" > $2);
select "sessions"."id" from "sessions" inner join "users" on "users"."id" = "sessions"."user_id" where ("sessions"."id" = $1 and "sessions"."user_id" = $2 and "sessions"."revoked_at" is null and "sessions"."expires_at" > $3 and "users"."status" = $4);
select pg_advisory_xact_lock(hashtext('capitune.pg-boss-v10-bridge'));
select pg_notify($1, $2);
select role, organisation_id from users where id = $1;
select to_regclass('pgboss.version') is not null as "installed", to_regnamespace($1) is not null as "setAside";
select to_regnamespace($1) is not null as "setAside";
select version from pgboss.version;
update "outbox" set "sent_at" = $1, "attempts" = "outbox"."attempts" + 1, "last_error" = $2 where "outbox"."id" = $3;
update "users" set "role" = $1, "email_verified_at" = $2, "created_at" = $3 where "users"."email" = $4;
with chat as ( insert into dossier_chats (dossier_id, last_seq) select $1, 1 where not exists (select 1 from messages e where e.dossier_id = $2 and e.author_id = $3 and e.client_id = $4) and true on conflict (dossier_id) do update set last_seq = dossier_chats.last_seq + 1 returning last_seq ), message as ( insert into messages (dossier_id, seq, author_id, client_id, body, document_ids, created_at) select $5, chat.last_seq, $6, $7, $8, $9::uuid[], $10 from chat returning id, dossier_id, author_id, seq, created_at ), read as ( insert into message_reads (dossier_id, user_id, last_read_seq, read_at) select dossier_id, author_id, seq, created_at from message on conflict (dossier_id, user_id) do update set last_read_seq = greatest(message_reads.last_read_seq, excluded.last_read_seq), read_at = excluded.read_at) select message.id, message.seq, u.first_name, u.last_name, u.role, pg_notify($11, json_build_object($12::text, $13::json, $14::text, $15::json, $16::text, message.id)::text) as published from message join users u on u.id = message.author_id;
