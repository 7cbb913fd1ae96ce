-- Inside search: accent-insensitive, stemmed full-text search in French and in English.
-- `unaccent()` is only STABLE, so it cannot appear in an index expression: f_unaccent pins the dictionary
-- and is IMMUTABLE (used by the trigram index on titles).
CREATE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- Text search configurations that remove accents before stemming: "étude", "etude" and "études" meet.
CREATE TEXT SEARCH CONFIGURATION fr_unaccent (COPY = pg_catalog.french);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION fr_unaccent
  ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
  WITH public.unaccent, french_stem;--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION en_unaccent (COPY = pg_catalog.english);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION en_unaccent
  ALTER MAPPING FOR hword, hword_part, word, asciihword, asciiword, hword_asciipart
  WITH public.unaccent, english_stem;--> statement-breakpoint
-- The configuration of a post's language.
CREATE FUNCTION inside_ts_config(language text) RETURNS regconfig
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT CASE WHEN language = 'fr' THEN 'public.fr_unaccent'::regconfig ELSE 'public.en_unaccent'::regconfig END $$;--> statement-breakpoint
-- The "top" ordering of the feed: engagement on a log scale plus one point per day of age, so ten times
-- more likes and comments (a comment counts twice) are worth one day of freshness. It only changes when
-- the counts do, so it is stored and indexed (posts.hot_score) instead of recomputed as time passes.
CREATE FUNCTION inside_hot_score(likes integer, comments integer, created_at timestamptz) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT log(greatest(1, 1 + likes + 2 * comments)::numeric)::double precision
              + (extract(epoch FROM created_at)::double precision - 1767225600) / 86400.0 $$;
