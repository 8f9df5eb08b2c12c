"""L rules: the shape of a listing (fields present, known, unique)."""
