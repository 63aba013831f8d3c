"""Who captured or imported a source, with what: the "who/how" of a custody event."""

from __future__ import annotations

import getpass
import os
import platform

from .. import __version__

TOOL = f"borderledger {__version__}"


def default_actor() -> str:
    """The OS user running BorderLedger (``--actor`` overrides it), as ``user@host``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        user = os.environ.get("USER") or (f"uid:{os.getuid()}" if hasattr(os, "getuid")
                                          else "unknown")
    return f"{user}@{platform.node() or 'localhost'}"
