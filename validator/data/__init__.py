"""Word lists the analysis reads, kept as data so a province can extend them without code."""
