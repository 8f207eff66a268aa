-- Substring search over the folded text (LIKE '%…%') through a trigram index.
create extension if not exists pg_trgm;
create index opinions_by_folded_trigram on opinions using gin (body_folded gin_trgm_ops);
