"""Text stage: article files -> clean text -> sentences and passages with exact character offsets."""
