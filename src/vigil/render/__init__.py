"""The render stage: a checked course into page sources, nav and question banks."""
