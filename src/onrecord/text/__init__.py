"""Text before analysis: reading input (files, HTML, JSON, Parquet), the layout and its
boilerplate, the language, quotation marks, names' forms and date expressions.
Nothing here imports spaCy or SQL."""
