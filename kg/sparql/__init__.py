"""SPARQL engines and the one SPARQL tokenizer, shared by checking, querying and serving."""
