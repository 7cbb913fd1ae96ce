CREATE TYPE "public"."automated_decision_kind" AS ENUM('moderation_hold', 'trust_level');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('terms', 'privacy_policy', 'optional_emails', 'testimonials', 'anonymised_statistics');--> statement-breakpoint
CREATE TYPE "public"."data_export_status" AS ENUM('queued', 'building', 'ready', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."incident_kind" AS ENUM('unauthorised_access', 'unauthorised_use', 'unauthorised_disclosure', 'loss', 'other');--> statement-breakpoint
CREATE TYPE "public"."incident_risk" AS ENUM('not_assessed', 'low', 'serious');--> statement-breakpoint
CREATE TABLE "account_deletions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"completed_at" timestamp with time zone,
	"kept" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automated_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "automated_decision_kind" NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid,
	"outcome" text NOT NULL,
	"factors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"review_requested_at" timestamp with time zone,
	"review_message" text,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" uuid,
	"review_outcome" text,
	"review_note" text
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "consent_purpose" NOT NULL,
	"granted" boolean NOT NULL,
	"version" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "data_export_status" DEFAULT 'queued' NOT NULL,
	"blob_key" text,
	"size_bytes" bigint,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ready_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"downloaded_at" timestamp with time zone,
	"download_count" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "destructions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"record_type" text NOT NULL,
	"record_id" text,
	"count" integer DEFAULT 1 NOT NULL,
	"files" integer DEFAULT 0 NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"destroyed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_incident_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"kind" "incident_kind" NOT NULL,
	"description" text NOT NULL,
	"occurred_at" timestamp with time zone,
	"discovered_at" timestamp with time zone NOT NULL,
	"affected_description" text NOT NULL,
	"affected_count" integer,
	"data_concerned" text NOT NULL,
	"risk" "incident_risk" DEFAULT 'not_assessed' NOT NULL,
	"risk_assessment" text,
	"measures" text,
	"closed_at" timestamp with time zone,
	"people_notified_at" timestamp with time zone,
	"cai_notified_at" timestamp with time zone,
	"opc_notified_at" timestamp with time zone,
	"last_entry_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "legal_hold_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "legal_hold_reason" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "legal_hold_by" uuid;--> statement-breakpoint
ALTER TABLE "pro_profiles" ADD COLUMN "listed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_deletions" ADD CONSTRAINT "account_deletions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automated_decisions" ADD CONSTRAINT "automated_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automated_decisions" ADD CONSTRAINT "automated_decisions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_exports" ADD CONSTRAINT "data_exports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incident_entries" ADD CONSTRAINT "privacy_incident_entries_incident_id_privacy_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."privacy_incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incident_entries" ADD CONSTRAINT "privacy_incident_entries_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_incidents" ADD CONSTRAINT "privacy_incidents_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_deletions_waiting_idx" ON "account_deletions" USING btree ("user_id") WHERE "account_deletions"."cancelled_at" is null and "account_deletions"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "account_deletions_due_idx" ON "account_deletions" USING btree ("due_at") WHERE "account_deletions"."cancelled_at" is null and "account_deletions"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "automated_decisions_user_idx" ON "automated_decisions" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "automated_decisions_review_idx" ON "automated_decisions" USING btree ("review_requested_at","id") WHERE "automated_decisions"."review_requested_at" is not null and "automated_decisions"."reviewed_at" is null;--> statement-breakpoint
CREATE INDEX "consents_user_idx" ON "consents" USING btree ("user_id","purpose","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "data_exports_user_idx" ON "data_exports" USING btree ("user_id","requested_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "data_exports_expiry_idx" ON "data_exports" USING btree ("expires_at") WHERE "data_exports"."status" = 'ready';--> statement-breakpoint
CREATE INDEX "destructions_destroyed_idx" ON "destructions" USING btree ("destroyed_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "destructions_rule_idx" ON "destructions" USING btree ("rule","destroyed_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "privacy_incident_entries_incident_idx" ON "privacy_incident_entries" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "privacy_incidents_discovered_idx" ON "privacy_incidents" USING btree ("discovered_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "documents_uploaded_by_idx" ON "documents" USING btree ("uploaded_by");--> statement-breakpoint
CREATE INDEX "dossiers_closed_idx" ON "dossiers" USING btree ("closed_at") WHERE "dossiers"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "flags_user_idx" ON "flags" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "messages_author_idx" ON "messages" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "users_deleted_idx" ON "users" USING btree ("deleted_at") WHERE "users"."deleted_at" is not null;--> statement-breakpoint
-- A closed dossier's retention counts from its closure; for those closed before the date was kept, from
-- their last change.
UPDATE "dossiers" SET "closed_at" = "updated_at" WHERE "status" = 'closed';--> statement-breakpoint
-- The directory becomes the pros' choice; those verified and listed until now stay listed.
UPDATE "pro_profiles" SET "listed" = true;--> statement-breakpoint
-- Members who signed up before consents were recorded accepted the terms and the policy then in force
-- (version 2026-11-25): they are asked about the current version at their next sign-in.
INSERT INTO "consents" ("user_id", "purpose", "granted", "version", "source", "created_at")
SELECT u."id", p."purpose"::consent_purpose, true, '2026-11-25', 'sign_up', u."created_at"
  FROM "users" u CROSS JOIN (VALUES ('terms'), ('privacy_policy')) AS p("purpose");--> statement-breakpoint
-- Announcement emails were on by default: those who never chose keep them, recorded as an optional-email
-- consent given by the preference they had.
INSERT INTO "consents" ("user_id", "purpose", "granted", "version", "source", "created_at")
SELECT u."id", 'optional_emails', coalesce((u."notification_preferences" -> 'announcements' ->> 'email')::boolean, true),
       '2026-11-25', 'preferences', u."created_at"
  FROM "users" u;
--> statement-breakpoint
-- New accounts get no announcement emails until they agree; existing ones keep what they had, written out
-- so that the new default does not change it.
UPDATE "users" SET "notification_preferences" = jsonb_set(
    coalesce("notification_preferences", '{"messages":{"inApp":true,"email":true},"document_decisions":{"inApp":true,"email":true},"webinar_reminders":{"inApp":true,"email":true},"community_replies":{"inApp":true,"email":false}}'::jsonb),
    '{announcements}', '{"inApp":true,"email":true}'::jsonb)
 WHERE "notification_preferences" IS NULL OR NOT ("notification_preferences" ? 'announcements');
