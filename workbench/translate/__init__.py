"""Offline machine translation: models, engines, glossary enforcement, batch jobs.

Heavy libraries (ctranslate2, sentencepiece) are imported inside the functions
that need them; importing this package loads nothing.
"""

DEFAULT_CHUNK = 32   # sentences translated and saved together (the resume unit; progress comes after each)
FIRST_CHUNK = 4     # a job's first chunk (less than the chunk size) is cut off the first 32: its progress comes soon
