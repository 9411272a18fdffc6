-- btree_gin lets one GIN index hold the account and the trigram search text together, so a
-- member search reads only the account's matching rows.
CREATE EXTENSION IF NOT EXISTS btree_gin;
