-- Every statement the health module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
select 1;
