"""Taking landing files into the raw schema: read, validate, pseudonymize, COPY, record."""
