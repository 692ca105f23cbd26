"""The errors whose message is meant for the user, in one module that imports nothing.

Every interface translates only these: the CLI prints the message on one line (no traceback),
the API answers ``http_status`` with a Chinese message. Anything else is a bug: the CLI lets
its traceback through, the API logs it and answers a generic 500. The packages below the
assistant (``corpus``, ``embeddings``) raise these too, so this module must stay free of imports.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure the user (or operator) can act on; ``str(exc)`` says what to do."""

    http_status = 400

    @property
    def public(self) -> str:
        """The message for a caller of the web API, who is not the operator: no folders, no hosts."""
        return str(self)


class QuestionError(UserError, ValueError):
    """A question that cannot be asked (too long, not text)."""


class UsageError(UserError, ValueError):
    """A command was given something it cannot work with."""


class SettingsInvalid(UserError, ValueError):
    """A setting has a value of the wrong form; the message names the variable and the form."""


class SourceError(UserError, ValueError):
    """An issue file that cannot be read (not UTF-8, no manifest, a broken PDF …)."""


class ProfileError(UserError, ValueError):
    """A gazette profile (``GAZETTE_PROFILE``) that cannot be found or read; the message says which and why."""


class MissingExtraError(UserError, ImportError):
    """An optional backend is not installed; the message names the extra to install."""


class GazetteIndexError(UserError, RuntimeError):
    """The serving index cannot be used; the message names the command that fixes it."""

    http_status = 503

    @property
    def public(self) -> str:
        return "索引未就绪：请在服务器上运行 gazette ingest（详情见服务日志）"


class IndexMissingError(GazetteIndexError):
    """No index has been built yet."""


class IndexModelMismatchError(GazetteIndexError):
    """The index was built with another embedding model."""


class IndexCorruptError(GazetteIndexError):
    """The serving generation's files are missing or unreadable."""


class VectorStoreUnavailable(GazetteIndexError):
    """The Chroma server (server mode) cannot be reached; it may come back."""

    @property
    def public(self) -> str:
        return "检索服务暂时无法连接，请稍后再试（详情见服务日志）"
