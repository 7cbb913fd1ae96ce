CREATE TYPE "public"."batch_status" AS ENUM('dry_run', 'queued', 'running', 'done', 'failed', 'undoing', 'undone');--> statement-breakpoint
ALTER TYPE "public"."watched_word_action" ADD VALUE 'flag';--> statement-breakpoint
ALTER TYPE "public"."watched_word_action" ADD VALUE 'censor';--> statement-breakpoint
ALTER TYPE "public"."watched_word_action" ADD VALUE 'tag';--> statement-breakpoint
ALTER TYPE "public"."watched_word_action" ADD VALUE 'silence';--> statement-breakpoint
CREATE TABLE "admin_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "admin_alerts_dedupeKey_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "admin_batch_targets" (
	"batch_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text,
	"before" jsonb,
	"undone_at" timestamp with time zone,
	CONSTRAINT "admin_batch_targets_batch_id_user_id_pk" PRIMARY KEY("batch_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "admin_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" "batch_status" DEFAULT 'dry_run' NOT NULL,
	"target_count" integer NOT NULL,
	"processed_count" integer DEFAULT 0 NOT NULL,
	"skipped_count" integer DEFAULT 0 NOT NULL,
	"undone_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_hash" text NOT NULL,
	CONSTRAINT "audit_chain_head_one_row" CHECK ("audit_chain_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "stats_snapshots" (
	"name" text PRIMARY KEY NOT NULL,
	"body" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_tags" (
	"user_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_tags_user_id_tag_pk" PRIMARY KEY("user_id","tag")
);
--> statement-breakpoint
ALTER TABLE "watched_words" DROP CONSTRAINT "watched_words_word_unique";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "moderation_tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "moderation_tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "locale" "locale";--> statement-breakpoint
ALTER TABLE "watched_words" ADD COLUMN "tag" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspended_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspension_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "banned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "trust_level" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "silenced_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search_text" text GENERATED ALWAYS AS (f_unaccent(lower("users"."first_name" || ' ' || "users"."last_name" || ' ' || "users"."email"::text))) STORED;--> statement-breakpoint
ALTER TABLE "admin_batch_targets" ADD CONSTRAINT "admin_batch_targets_batch_id_admin_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."admin_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_batch_targets" ADD CONSTRAINT "admin_batch_targets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_batches" ADD CONSTRAINT "admin_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_tags" ADD CONSTRAINT "user_tags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_alerts_unsent_idx" ON "admin_alerts" USING btree ("created_at") WHERE "admin_alerts"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "admin_batch_targets_order_idx" ON "admin_batch_targets" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "admin_batch_targets_user_idx" ON "admin_batch_targets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "admin_batches_created_idx" ON "admin_batches" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "user_tags_tag_idx" ON "user_tags" USING btree ("tag","user_id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("subject_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_organisation_idx" ON "audit_log" USING btree ("organisation_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "organisations_name_trgm_idx" ON "organisations" USING gin (f_unaccent(lower("name")) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "outbox_recipient_idx" ON "outbox" USING btree ("to_address","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pro_verifications_licence_trgm_idx" ON "pro_verifications" USING gin (lower("licence_number") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "users_role_created_idx" ON "users" USING btree ("role","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "users_suspended_idx" ON "users" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "users"."status" = 'suspended';--> statement-breakpoint
CREATE INDEX "users_search_trgm_idx" ON "users" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_organisation_idx" ON "users" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "users_suspension_ends_idx" ON "users" USING btree ("suspended_until") WHERE "users"."suspended_until" is not null;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_chainSeq_unique" UNIQUE("chain_seq");--> statement-breakpoint
ALTER TABLE "watched_words" ADD CONSTRAINT "watched_words_word_locale_unique" UNIQUE NULLS NOT DISTINCT("word","locale");--> statement-breakpoint
-- The audit log's hash chain. Each entry takes the next place in the chain under the lock of the one
-- head row, so entries written by concurrent transactions still form one line; its hash covers the hash
-- before it and its own content, so an entry edited or removed behind the trigger breaks the chain from
-- there (`npm run audit:verify`).
CREATE FUNCTION audit_entry_content(e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT concat_ws(E'\x1f', e.chain_seq::text, e.id::text, coalesce(e.actor_id::text, ''), e.action,
    e.subject_type, coalesce(e.subject_id::text, ''), coalesce(e.dossier_id::text, ''),
    coalesce(e.organisation_id::text, ''), coalesce(e.before::text, ''), coalesce(e.after::text, ''),
    coalesce(host(e.ip), ''), to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
$$;--> statement-breakpoint
CREATE FUNCTION audit_entry_hash(prev_hash text, e audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || E'\x1e' || audit_entry_content(e), 'UTF8')), 'hex')
$$;--> statement-breakpoint
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete;--> statement-breakpoint
DO $$
DECLARE
  entry audit_log;
  prev text := repeat('0', 64);
  seq bigint := 0;
BEGIN
  FOR entry IN SELECT * FROM audit_log ORDER BY id LOOP
    seq := seq + 1;
    entry.chain_seq := seq;
    entry.hash := audit_entry_hash(prev, entry);
    UPDATE audit_log SET chain_seq = seq, prev_hash = prev, hash = entry.hash WHERE id = entry.id;
    prev := entry.hash;
  END LOOP;
  INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, seq, prev);
END
$$;--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete;--> statement-breakpoint
CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_entry_hash(head.last_hash, NEW);
  UPDATE audit_chain_head SET last_seq = NEW.chain_seq, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
