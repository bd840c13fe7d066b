"""Indexing and search: articles -> sentences and passages with exact offsets -> embeddings -> FAISS + store."""
