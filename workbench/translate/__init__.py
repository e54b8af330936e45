"""Offline machine translation: models, engines, glossary enforcement, batch jobs.

Heavy libraries (ctranslate2, sentencepiece) are imported inside the functions
that need them; importing this package loads nothing.
"""

DEFAULT_CHUNK = 64   # sentences translated and saved together in a batch job (the resume unit)
