"""Offline machine translation: models, engines, glossary enforcement, batch jobs.

Heavy libraries (ctranslate2, sentencepiece) are imported inside the functions
that need them; importing this package loads nothing.
"""

DEFAULT_CHUNK = 32   # sentences translated and saved together (the resume unit; progress comes after each)
FIRST_CHUNK = 4      # saved apart from the rest of a job's first chunk (when smaller): its progress comes soon
