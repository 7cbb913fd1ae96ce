-- Every statement the users module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
insert into "users" ("id", "email", "password_hash", "role", "status", "first_name", "last_name", "locale", "time_zone", "phone", "country_of_residence", "citizenship", "organisation_id", "goals", "notification_preferences", "email_verified_at", "two_factor_grace_ends_at", "email_factor_enabled_at", "sms_factor_phone", "sms_factor_confirmed_at", "failed_login_count", "locked_until", "suspended_until", "suspension_reason", "banned_at", "trust_level", "silenced_until", "deleted_at", "created_at", "updated_at") values (default, $1, $2, $3, default, $4, $5, default, default, default, default, default, default, default, default, $6, default, default, default, default, default, default, default, default, default, default, default, default, default, default);
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "country_of_residence" = $4, "citizenship" = $5, "updated_at" = $6 where "users"."id" = $7;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "phone" = $4, "country_of_residence" = $5, "citizenship" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "phone" = $4, "country_of_residence" = $5, "updated_at" = $6 where "users"."id" = $7;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "phone" = $4, "updated_at" = $5 where "users"."id" = $6;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "time_zone" = $4, "country_of_residence" = $5, "citizenship" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "time_zone" = $4, "phone" = $5, "citizenship" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "time_zone" = $4, "phone" = $5, "country_of_residence" = $6, "citizenship" = $7, "updated_at" = $8 where "users"."id" = $9;
update "users" set "first_name" = $1, "last_name" = $2, "locale" = $3, "time_zone" = $4, "phone" = $5, "country_of_residence" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "first_name" = $1, "last_name" = $2, "time_zone" = $3, "phone" = $4, "citizenship" = $5, "updated_at" = $6 where "users"."id" = $7;
update "users" set "first_name" = $1, "last_name" = $2, "time_zone" = $3, "phone" = $4, "country_of_residence" = $5, "citizenship" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "first_name" = $1, "locale" = $2, "time_zone" = $3, "phone" = $4, "citizenship" = $5, "updated_at" = $6 where "users"."id" = $7;
update "users" set "first_name" = $1, "locale" = $2, "time_zone" = $3, "phone" = $4, "country_of_residence" = $5, "citizenship" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "first_name" = $1, "phone" = $2, "country_of_residence" = $3, "citizenship" = $4, "updated_at" = $5 where "users"."id" = $6;
update "users" set "first_name" = $1, "phone" = $2, "updated_at" = $3 where "users"."id" = $4;
update "users" set "first_name" = $1, "updated_at" = $2 where "users"."id" = $3;
update "users" set "goals" = $1, "updated_at" = $2 where "users"."id" = $3;
update "users" set "last_name" = $1, "locale" = $2, "time_zone" = $3, "phone" = $4, "country_of_residence" = $5, "citizenship" = $6, "updated_at" = $7 where "users"."id" = $8;
update "users" set "last_name" = $1, "locale" = $2, "time_zone" = $3, "phone" = $4, "country_of_residence" = $5, "updated_at" = $6 where "users"."id" = $7;
update "users" set "last_name" = $1, "phone" = $2, "country_of_residence" = $3, "citizenship" = $4, "updated_at" = $5 where "users"."id" = $6;
update "users" set "locale" = $1, "time_zone" = $2, "phone" = $3, "country_of_residence" = $4, "citizenship" = $5, "updated_at" = $6 where "users"."id" = $7;
update "users" set "notification_preferences" = $1, "updated_at" = $2 where "users"."id" = $3;
update "users" set "role" = $1, "updated_at" = $2 where "users"."id" = $3;
update "users" set "time_zone" = $1, "phone" = $2, "updated_at" = $3 where "users"."id" = $4;
