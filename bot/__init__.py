"""The assistant: cited answers from retrieved passages, and its front ends (CLI, terminal chat, Telegram)."""
