-- One search box (GET /api/customers/search, contact-history-service/docs/security-and-console.md, "The agent
-- console"): a customer is found by what was typed, an identifier (customer_identifier's primary key), an order id or
-- a part of a name the channels gave, and never by reading the whole contact table.

-- Both are trusted extensions (PostgreSQL 13+): a database owner without superuser may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- A text as the search compares it: without accents, in lower case ('Ana Nováková' is 'ana novakova'). unaccent() is
-- STABLE (its dictionary could be changed), so it cannot be indexed itself; this wrapper names the dictionary and the
-- schemas explicitly (the rebuild works with search_path 'rebuild, public': rebuild/infrastructure/
-- ShadowRoutingDataSource) and so may be declared IMMUTABLE. Changing the unaccent rules would need a REINDEX of
-- contact_customer_name_search_idx.
CREATE FUNCTION public.search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT pg_catalog.lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- A part of a name: search_fold(customer_name) LIKE '%<folded word>%' for every word typed, served by trigrams
-- (search/infrastructure/JdbcCustomerSearchIndex). Contacts without a name are not in it.
CREATE INDEX contact_customer_name_search_idx ON contact USING gin (public.search_fold(customer_name) public.gin_trgm_ops)
    WHERE customer_name IS NOT NULL;

-- An order id (web shop contacts; V1 had no index on it): the contacts of that order, and so their customer.
CREATE INDEX contact_order_id_idx ON contact (order_id) WHERE order_id IS NOT NULL;

-- contact_history (V30, the as-of views) gets neither: a search answers the present only. The rebuild's shadow contact
-- copies both indexes from the catalog (rebuild/infrastructure/JdbcShadowSchema), so a switched-in table has them.
