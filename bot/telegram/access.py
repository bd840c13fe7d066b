"""Who may use the bot: user and chat allowlists (empty = open to all) and admins."""

from __future__ import annotations

from dataclasses import dataclass

from bot.settings import Settings


@dataclass(frozen=True)
class AccessPolicy:
    """Allowlists from the settings. Admins are always allowed."""

    allowed_users: frozenset[int]
    allowed_chats: frozenset[int]
    admins: frozenset[int]

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        """Build the policy from ALLOWED_USER_IDS, ALLOWED_CHAT_IDS and ADMIN_USER_IDS."""
        return cls(
            allowed_users=frozenset(settings.allowed_user_ids),
            allowed_chats=frozenset(settings.allowed_chat_ids),
            admins=frozenset(settings.admin_user_ids),
        )

    @property
    def is_open(self) -> bool:
        """True when no allowlist is set."""
        return not self.allowed_users and not self.allowed_chats

    def allows(self, user_id: int | None, chat_id: int | None) -> bool:
        """A listed user anywhere, or anyone in a listed chat, or an admin."""
        if self.is_open or (user_id is not None and user_id in self.admins):
            return True
        return (user_id is not None and user_id in self.allowed_users) or (
            chat_id is not None and chat_id in self.allowed_chats
        )

    def is_admin(self, user_id: int | None) -> bool:
        """True for a user listed in ADMIN_USER_IDS."""
        return user_id is not None and user_id in self.admins
