-- The UHRI annotation id is the identity of a UHRI record; the document symbol and paragraph identify only a
-- recommendation without one (the key of OHCHR's matrices and of records entered by hand). The UHRI annotates one
-- paragraph more than once (sub-paragraphs whose letter is not in the text, a paragraph both "Concerns/Observations"
-- and "Recommendation"), so two annotations may share a paragraph; two recommendations without an annotation id
-- may not. Lookups by symbol and paragraph keep recommendation_country_idx (country, document_symbol, paragraph).
drop index recommendation_symbol_paragraph_uq;
create unique index recommendation_symbol_paragraph_uq
    on recommendation (country, document_symbol, paragraph)
    where uhri_annotation_id is null and document_symbol is not null and paragraph is not null;
