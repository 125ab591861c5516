-- Full text within one country, which is how every government user searches: one GIN index over the country and
-- the text's vector (btree_gin gives the country a GIN operator class). PostgreSQL then intersects the country's
-- short posting list with those of the words, skipping through the long ones, instead of first collecting every
-- match of every country (for a common word, most of the whole index) and filtering by country afterwards.
-- Searches across countries (administrators, OHCHR) use the same index on its second column.
-- btree_gin is a trusted extension of PostgreSQL's contrib set: the database's owner may create it.
create extension if not exists btree_gin;

create index recommendation_country_search_idx on recommendation using gin (country, search_vector);

drop index recommendation_search_idx;
