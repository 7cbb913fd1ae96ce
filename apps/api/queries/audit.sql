-- Every statement the audit module sends, as recorded by the API tests (apps/api/test/sql-recorder.ts),
-- sorted. Generated: `npm run queries:record`; CI fails on a statement missing here.
insert into "audit_log" ("id", "actor_id", "action", "subject_type", "subject_id", "dossier_id", "before", "after", "ip", "organisation_id", "created_at", "chain_seq", "prev_hash", "hash") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, default, default, default, default);
insert into "audit_log" ("id", "actor_id", "action", "subject_type", "subject_id", "dossier_id", "before", "after", "ip", "organisation_id", "created_at", "chain_seq", "prev_hash", "hash") values (default, $1, $2, $3, default, default, default, default, default, default, $4, default, default, default);
select e.chain_seq as seq, e.id, e.prev_hash, e.hash, audit_entry_hash(e.prev_hash, e) = e.hash as content_ok from audit_log e where e.chain_seq > $1 and e.chain_seq <= $2 order by e.chain_seq limit $3;
select last_seq, last_hash from audit_chain_head where id = 1;
