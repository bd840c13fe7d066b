"""Facts stage: figures in text, what they count (metric vocabulary) and their normalised values."""
