"""Ingesting issues: the application service that the CLI, the API, the admin upload and the evals
call to parse issue files and build the index.

Every file is parsed before the index is touched, and ``embeddings.index.build_index`` switches
to the new generation atomically, so a failed ingest leaves the serving index as it was.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assistant.errors import UsageError
from assistant.settings import Settings

if TYPE_CHECKING:
    from corpus.model import ParsedIssue
    from corpus.profile import GazetteProfile
    from embeddings.index import IngestReport

# (stage, done, total) while embedding; see ``embeddings.index.build_index``.
Progress = Callable[[str, int, int], None]


def issue_paths(settings: Settings, paths: list[Path]) -> list[Path]:
    """The issue files to read: the given files, every issue file in the given folders, or
    (none given) every issue file in ``corpus_dir``."""
    from corpus.sources import ISSUE_SUFFIXES

    found: list[Path] = []
    for path in paths or [settings.corpus_dir]:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in ISSUE_SUFFIXES))
        elif path.suffix.lower() not in ISSUE_SUFFIXES:
            raise UsageError(f"不支持的文件类型：{path.name}（支持 {'、'.join(ISSUE_SUFFIXES)}）")
        else:
            found.append(path)
    if not found:
        where = "、".join(str(p) for p in paths) if paths else str(settings.corpus_dir)
        raise UsageError(f"没有找到公报文件（{'、'.join(ISSUE_SUFFIXES)}）：{where}")
    return found


def index_issues(settings: Settings, parsed: list[ParsedIssue], progress: Progress | None = None,
                 profile: GazetteProfile | None = None) -> IngestReport:
    """Embed (through the data dir's embedding cache) and index parsed issues with the settings'
    model and store; the new generation serves once it is complete. ``profile`` is the one the
    issues were parsed with (default: the settings'), whose subject words the keyword index keeps."""
    from embeddings.cache import EmbeddingCache
    from embeddings.index import build_index
    from embeddings.models import load_embeddings

    model = load_embeddings(settings)
    cache = EmbeddingCache(settings.data_dir / "embedding-cache.sqlite")
    try:
        return build_index(settings.index_dir, parsed, model, cache,
                           collection=settings.collection, chroma_url=settings.chroma_url,
                           batch_size=settings.embedding_batch_size, progress=progress,
                           terms=(profile or settings.gazette_profile()).terms)
    finally:
        cache.close()


def run_ingest(settings: Settings, paths: list[Path] | None = None, echo: bool = False) -> IngestReport:
    """Parse the issues and build the index; every file is parsed before the index is touched.
    ``echo`` reports each parsed file and the embedding progress on stderr (for an operator)."""
    from corpus.parse import parse_issue

    parsed = []
    profile = settings.gazette_profile()
    for path in issue_paths(settings, paths or []):
        p = parse_issue(path, profile=profile)
        if echo:
            print(f"解析 {path.name}: {len(p.documents)} 个文件, {len(p.chunks)} 个块", file=sys.stderr)
        parsed.append(p)
    progress = EmbedProgress(sys.stderr) if echo else None
    try:
        return index_issues(settings, parsed, progress, profile)
    finally:
        if progress:
            progress.close()


class EmbedProgress:
    """Embedding progress: a bar on a terminal; on a pipe or in a log, a plain line every ~10%."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: Any = None  # a tqdm bar (untyped), made on the first report
        self.t0 = time.perf_counter()
        self.next_report = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.stream.isatty():
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(total=total, desc="嵌入", unit="条", file=self.stream)
            self.bar.update(done - self.bar.n)
        elif done >= self.next_report * total or done == total:
            rate = done / max(time.perf_counter() - self.t0, 1e-6)
            print(f"嵌入 {done}/{total}（{rate:.1f} 条/秒）", file=self.stream, flush=True)
            self.next_report = done / total + 0.1

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def refresh_shipped(settings: Settings) -> Path:
    """Embed the bundled issue (through the data dir's cache) with the settings' model and write
    the shipped vectors file (``embeddings/shipped/``); after a chunking change."""
    from corpus.parse import parse_issue
    from embeddings.cache import EmbeddingCache, embed_with_cache, text_hash
    from embeddings.index import embedding_text, indexed_sentences
    from embeddings.models import load_embeddings
    from embeddings.shipped import write_shipped

    model = load_embeddings(settings)
    profile = settings.gazette_profile()
    chunks = parse_issue(profile.sample_issue_path(), profile=profile).chunks
    texts = [embedding_text(c) for c in chunks] + indexed_sentences(chunks)
    cache = EmbeddingCache(settings.data_dir / "embedding-cache.sqlite")
    try:
        vectors, _ = embed_with_cache(model, texts, cache, settings.embedding_batch_size)
    finally:
        cache.close()
    return write_shipped(model.model_id, {text_hash(t): v for t, v in zip(texts, vectors, strict=True)})
