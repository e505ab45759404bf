"""Sample decrees rendered from the seed texts (PDF, scan and page images) and their generator."""
