"""Paragraph and sentence alignment with evidence, confidence and provenance."""

from workbench.align.aligner import (ALIGNER_VERSION, AlignedBead, AlignmentResult, align_documents,
                                     align_segments)
from workbench.align.evidence import EvidenceConfig

__all__ = ["ALIGNER_VERSION", "AlignedBead", "AlignmentResult", "EvidenceConfig", "align_documents",
           "align_segments"]
