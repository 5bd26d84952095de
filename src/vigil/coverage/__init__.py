"""What a course covers: matrices of tactics, categories, question kinds and difficulty,
and the gaps between them (`vigil report` and the trainers' coverage page)."""
