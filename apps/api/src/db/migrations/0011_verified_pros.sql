CREATE TYPE "public"."licence_class" AS ENUM('L1', 'L2', 'L3', 'RISIA');--> statement-breakpoint
CREATE TYPE "public"."pro_profession" AS ENUM('rcic', 'lawyer', 'notary', 'paralegal');--> statement-breakpoint
CREATE TYPE "public"."reference_status" AS ENUM('waiting', 'confirmed', 'declined');--> statement-breakpoint
CREATE TYPE "public"."regulator" AS ENUM('cicc', 'barreau_qc', 'cnq', 'lso', 'lsbc', 'lsa', 'lss', 'lsm', 'lsnb', 'nsbs', 'lspei', 'lsnl', 'lsy', 'lsnwt', 'lsnu');--> statement-breakpoint
CREATE TYPE "public"."review_display" AS ENUM('name', 'anonymous');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('published', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."verification_status" AS ENUM('pending', 'verified', 'rejected', 'expired', 'suspended', 'revoked');--> statement-breakpoint
ALTER TYPE "public"."flag_target_type" ADD VALUE 'review';--> statement-breakpoint
CREATE TABLE "firm_agent_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"invited_by" uuid NOT NULL,
	"email" "citext" NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"locale" "locale" DEFAULT 'fr' NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "firm_agent_invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "firm_agents" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licence_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verification_id" uuid NOT NULL,
	"claimant_user_id" uuid,
	"claimant_name" text NOT NULL,
	"claimant_email" "citext" NOT NULL,
	"organisation_name" text,
	"regulator" "regulator" NOT NULL,
	"licence_number" text NOT NULL,
	"ip" "inet",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid
);
--> statement-breakpoint
CREATE TABLE "pro_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"bio" jsonb DEFAULT '{"fr":"","en":""}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"provinces" text[] DEFAULT '{}'::text[] NOT NULL,
	"city" text,
	"remote" boolean DEFAULT true NOT NULL,
	"in_person" boolean DEFAULT false NOT NULL,
	"accepting_clients" boolean DEFAULT true NOT NULL,
	"programs" text[] DEFAULT '{}'::text[] NOT NULL,
	"photo" jsonb,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pro_profiles_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "pro_references" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"verification_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"email" "citext" NOT NULL,
	"relationship" text NOT NULL,
	"locale" "locale" DEFAULT 'fr' NOT NULL,
	"token_hash" text,
	"status" "reference_status" DEFAULT 'waiting' NOT NULL,
	"comment" text,
	"sent_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pro_references_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "pro_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pro_id" uuid NOT NULL,
	"dossier_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"responsiveness" smallint NOT NULL,
	"fees_clarity" smallint NOT NULL,
	"process_explanation" smallint NOT NULL,
	"overall" smallint NOT NULL,
	"body" text NOT NULL,
	"display" "review_display" NOT NULL,
	"feature_consent" boolean DEFAULT false NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"status" "review_status" DEFAULT 'published' NOT NULL,
	"moderation_reason" text,
	"needs_review_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pro_reviews_dossierId_unique" UNIQUE("dossier_id"),
	CONSTRAINT "pro_reviews_scores_check" CHECK ("pro_reviews"."responsiveness" between 1 and 5 and "pro_reviews"."fees_clarity" between 1 and 5
        and "pro_reviews"."process_explanation" between 1 and 5 and "pro_reviews"."overall" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "pro_verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"profession" "pro_profession" DEFAULT 'rcic' NOT NULL,
	"regulator" "regulator" DEFAULT 'cicc' NOT NULL,
	"licence_number" text,
	"licence_class" "licence_class",
	"status" "verification_status" DEFAULT 'pending' NOT NULL,
	"submitted_at" timestamp with time zone,
	"info_request" text,
	"decision_reason" text,
	"register_entry" jsonb,
	"register_capture" jsonb,
	"identity_document" jsonb,
	"entitled_to_practise" boolean,
	"restrictions" text,
	"checked_at" timestamp with time zone,
	"checked_by" uuid,
	"verified_since" timestamp with time zone,
	"renewal_date" date,
	"next_check_date" date,
	"reminded_at30_for" date,
	"reminded_at7_for" date,
	"lapse_notified_for" date,
	"appeal_text" text,
	"appealed_at" timestamp with time zone,
	"appeal_decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pro_verifications_userId_unique" UNIQUE("user_id")
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "agent_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "firm_agent_invitations" ADD CONSTRAINT "firm_agent_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_agent_invitations" ADD CONSTRAINT "firm_agent_invitations_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_agent_invitations" ADD CONSTRAINT "firm_agent_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_agents" ADD CONSTRAINT "firm_agents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_agents" ADD CONSTRAINT "firm_agents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "firm_agents" ADD CONSTRAINT "firm_agents_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_conflicts" ADD CONSTRAINT "licence_conflicts_verification_id_pro_verifications_id_fk" FOREIGN KEY ("verification_id") REFERENCES "public"."pro_verifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_conflicts" ADD CONSTRAINT "licence_conflicts_claimant_user_id_users_id_fk" FOREIGN KEY ("claimant_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_conflicts" ADD CONSTRAINT "licence_conflicts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_profiles" ADD CONSTRAINT "pro_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_references" ADD CONSTRAINT "pro_references_verification_id_pro_verifications_id_fk" FOREIGN KEY ("verification_id") REFERENCES "public"."pro_verifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_reviews" ADD CONSTRAINT "pro_reviews_pro_id_users_id_fk" FOREIGN KEY ("pro_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_reviews" ADD CONSTRAINT "pro_reviews_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_reviews" ADD CONSTRAINT "pro_reviews_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_verifications" ADD CONSTRAINT "pro_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_verifications" ADD CONSTRAINT "pro_verifications_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "firm_agent_invitations_organisation_idx" ON "firm_agent_invitations" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "firm_agents_organisation_idx" ON "firm_agents" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "firm_agents_supervisor_idx" ON "firm_agents" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "licence_conflicts_verification_idx" ON "licence_conflicts" USING btree ("verification_id");--> statement-breakpoint
CREATE INDEX "licence_conflicts_open_idx" ON "licence_conflicts" USING btree ("created_at") WHERE "licence_conflicts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "pro_profiles_rank_idx" ON "pro_profiles" USING btree (((20 + "rating_sum")::bigint * 1000000 / (5 + "rating_count")),"rating_count","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pro_references_position_idx" ON "pro_references" USING btree ("verification_id","position");--> statement-breakpoint
CREATE INDEX "pro_reviews_pro_idx" ON "pro_reviews" USING btree ("pro_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "pro_reviews_author_idx" ON "pro_reviews" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "pro_reviews_needs_review_idx" ON "pro_reviews" USING btree ("needs_review_at","id") WHERE "pro_reviews"."needs_review_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "pro_verifications_licence_claim_idx" ON "pro_verifications" USING btree ("regulator","licence_number") WHERE "pro_verifications"."status" in ('pending', 'verified', 'suspended') and "pro_verifications"."licence_number" is not null;--> statement-breakpoint
CREATE INDEX "pro_verifications_queue_idx" ON "pro_verifications" USING btree ("status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "pro_verifications_renewal_idx" ON "pro_verifications" USING btree ("renewal_date") WHERE "pro_verifications"."status" = 'verified';--> statement-breakpoint
CREATE INDEX "pro_verifications_listed_idx" ON "pro_verifications" USING btree ("verified_since","user_id") WHERE "pro_verifications"."status" = 'verified';--> statement-breakpoint
-- Every existing pro gets a file, pending: nobody was verified before. A licence claimed by several
-- accounts stays with the oldest; the others keep no licence and must declare theirs again.
INSERT INTO "pro_verifications" ("user_id", "profession", "regulator", "licence_number", "status", "created_at", "updated_at")
SELECT u."id", 'rcic', 'cicc',
  CASE WHEN row_number() OVER (PARTITION BY upper(replace(u."licence_number", ' ', '')) ORDER BY u."created_at", u."id") = 1
    THEN nullif(upper(replace(u."licence_number", ' ', '')), '') END,
  'pending', now(), now()
FROM "users" u WHERE u."role" = 'pro';--> statement-breakpoint
INSERT INTO "pro_profiles" ("user_id", "slug", "languages")
SELECT u."id",
  trim(both '-' from lower(regexp_replace(unaccent(u."first_name" || '-' || u."last_name"), '[^a-zA-Z0-9]+', '-', 'g')))
    || '-' || substr(replace(u."id"::text, '-', ''), 1, 6),
  ARRAY[u."locale"::text]
FROM "users" u WHERE u."role" = 'pro';--> statement-breakpoint
UPDATE "dossiers" SET "agent_since" = "updated_at" WHERE "agent_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "licence_number";--> statement-breakpoint
CREATE VIEW "public"."pro_standing_basis" AS (
  select v.user_id, v.status, v.renewal_date from pro_verifications v
  union all
  select a.user_id, s.status, s.renewal_date
  from firm_agents a join pro_verifications s on s.user_id = a.supervisor_id);