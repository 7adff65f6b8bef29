"""Many articles: the store (SQLite or PostgreSQL), ingest, and the engines that run the
pipeline over a corpus (local processes or Ray). Reaches the pipeline only through
`onrecord.pipeline`'s public functions."""
