-- A country's list in its default order (document, then paragraph split at its dots, then id), carrying the columns that
-- the list's filters, its count and the country's statistics read (the paragraph too: without it PostgreSQL cannot
-- read the ordering expression from the index alone). With the whole index (268,000 recommendations)
-- a country's rows lie on as many pages as it has rows; through this index a list page's ids with the total, and
-- the statistics, are index-only scans of that country's entries, already in order.
create index recommendation_country_list_idx on recommendation
    (country, document_symbol, (string_to_array(paragraph, '.')), id)
    include (paragraph, mechanism, position, body, upr_cycle, upr_session, sdg_goals, updated_at);
