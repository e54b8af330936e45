"""File formats, one module each: beads, TMX, TBX, CSV, XLIFF."""
