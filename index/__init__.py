"""Indexing and search.

Articles -> sentences and passages with exact offsets -> embeddings -> FAISS + store; search over it.
"""
