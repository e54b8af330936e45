"""The part every repository shares: the store it works in and that store's connection."""

from __future__ import annotations

TYPE_CHECKING = False   # (typing's, without importing typing: 2 ms of every command)
if TYPE_CHECKING:
    from workbench.store import Store


class Repo:
    def __init__(self, store: "Store"):
        self._store = store

    @property
    def _conn(self):
        # looked up on every use: the store may reconnect
        return self._store.connection
