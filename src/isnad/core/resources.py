"""Lazy, thread-safe, load-once resources: lexicons, models, the knowledge base.

``functools.lru_cache`` lets two threads that ask at once both load a model; :func:`resource`
loads it once under a lock (double-checked, so a loaded resource costs one dict lookup), and
:func:`warm_up` in :mod:`isnad.core.pipeline` loads everything before threads or workers start.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_lock = threading.RLock()  # re-entrant: a resource may load another


def resource(loader: Callable[..., T]) -> Callable[..., T]:
    """Decorator: call ``loader`` once per distinct (hashable) arguments, whatever the threads."""
    loaded: dict[Any, T] = {}

    @functools.wraps(loader)
    def get(*args: Any) -> T:
        try:
            return loaded[args]
        except KeyError:
            pass
        with _lock:
            if args not in loaded:
                loaded[args] = loader(*args)
            return loaded[args]

    get.cache_clear = loaded.clear  # type: ignore[attr-defined]
    return get
