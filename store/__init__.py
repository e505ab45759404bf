"""The database of decrees: schema, import, corrections with their audit trail, analyst queries."""
