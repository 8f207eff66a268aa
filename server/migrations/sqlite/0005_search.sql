-- Substring search over the folded text through an FTS5 trigram index (the folded text has
-- no diacritics and đ is d, which FTS5's own folding does not do). The index is keyed by
-- `search_key`, an integer of our own: the implicit rowid of a table without an integer
-- primary key may change on VACUUM. Triggers keep it in step with every write.
alter table opinions add column search_key integer;
update opinions set search_key = rowid;
create unique index opinions_by_search_key on opinions (search_key);

create virtual table opinions_search using fts5 (body_folded, tokenize = 'trigram');
insert into opinions_search (rowid, body_folded) select search_key, body_folded from opinions;

-- The inserts give the key (the next one); a row inserted without one gets it here.
create trigger opinions_search_insert after insert on opinions
when new.search_key is not null begin
    insert into opinions_search (rowid, body_folded) values (new.search_key, new.body_folded);
end;

create trigger opinions_search_insert_unkeyed after insert on opinions
when new.search_key is null begin
    update opinions set search_key = (select coalesce(max(search_key), 0) + 1 from opinions)
     where id = new.id;
    insert into opinions_search (rowid, body_folded)
        select search_key, body_folded from opinions where id = new.id;
end;

create trigger opinions_search_update after update of body_folded on opinions begin
    delete from opinions_search where rowid = old.search_key;
    insert into opinions_search (rowid, body_folded) values (new.search_key, new.body_folded);
end;

create trigger opinions_search_delete after delete on opinions begin
    delete from opinions_search where rowid = old.search_key;
end;
