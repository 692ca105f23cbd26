"""The index on disk: build it atomically from parsed issues, open it for serving.

Layout under ``<data_dir>/index``::

    CURRENT                 name of the generation that serves
    gen-<time>-<pid>/       one complete index: manifest.json, chunks.jsonl,
                            documents.json, keyword/ (BM25), chroma/ (local store),
                            sentences.npz (a vector per sentence and table row)

An ingest writes a whole new generation and only then replaces ``CURRENT`` (an atomic
rename), so a crash or a bad file half-way leaves the previous index serving. Vectors
come from the embedding cache, so rebuilding a generation re-embeds only new text.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

# Index problems are user errors, kept with the others (re-exported here for the callers).
from assistant.errors import (  # noqa: F401
    GazetteIndexError,
    IndexCorruptError,
    IndexMissingError,
    IndexModelMismatchError,
    VectorStoreUnavailable,
)
from corpus.model import Chunk, IndexedDocument, ParsedIssue
from corpus.sentences import sentences
from embeddings.cache import EmbeddingCache, embed_with_cache, text_hash
from embeddings.keyword import KeywordIndex
from embeddings.models import GazetteEmbeddings
from embeddings.stores import VectorStore, chroma_client

log = logging.getLogger(__name__)

KEEP_GENERATIONS = 2
# Bump when chunk text, tokenisation or stored fields change: a re-ingest then rebuilds
# even though the parsed chunks look the same.
INDEX_FORMAT = 12  # 12: a wrapped member line is one sentence (corpus.sentences.unwrap_member_lines)


@dataclass
class IndexManifest:
    generation: str
    model_id: str
    dim: int
    collection: str
    issues: list[dict]
    chunk_count: int
    created: str
    format: int = 1
    terms: list[str] = field(default_factory=list)  # the profile's subject words the keyword index keeps whole


@dataclass
class IngestReport:
    generation: str | None
    issues: list[str]
    documents: int
    chunks: int
    new_embeddings: int
    seconds: float
    changed: bool
    warnings: list[str] = field(default_factory=list)


def embedding_text(chunk: Chunk) -> str:
    """What is embedded for a chunk: its document title and section give context to short passages."""
    head = f"{chunk.title}（{chunk.doc_number}）"
    if chunk.section:
        head += f"\n{chunk.section}"
    return f"{head}\n{chunk.text}"


def chunk_metadata(chunk: Chunk, year: int) -> dict:
    """Chroma metadata: the filter fields (文号, issuer, year, issue)."""
    return {"doc_number": chunk.doc_number, "issuer": chunk.issuer or "", "year": year,
            "issue_id": chunk.issue_id, "kind": chunk.kind}


class GazetteIndex:
    """An opened generation: chunks and documents in memory, vectors in Chroma, BM25 in memory."""

    def __init__(self, folder: Path, manifest: IndexManifest, chunks: list[Chunk], documents: list[IndexedDocument],
                 vectors: VectorStore, keyword: KeywordIndex,
                 sentence_vectors: dict[str, np.ndarray] | None = None) -> None:
        self.folder = folder
        self.manifest = manifest
        self.chunks = chunks  # every chunk, in source order
        # Lookups built once: the answer step asks for a chunk, a document's chunks or a neighbour
        # question after question, never by scanning ``chunks``.
        self._by_id = {c.id: c for c in chunks}
        self._position = {c.id: i for i, c in enumerate(chunks)}
        by_document: dict[str, list[Chunk]] = {}
        for c in chunks:
            by_document.setdefault(c.doc_number, []).append(c)
        self._by_document = {number: tuple(cs) for number, cs in by_document.items()}
        self.documents = documents
        self.vectors = vectors
        self.keyword = keyword
        self._by_number = {d.doc_number: d for d in documents}
        self._sources: dict[str, str] = {}
        self._pdfs: dict[str, tuple[Path, dict[int, int]] | None] = {}
        self._sentence_vectors = sentence_vectors or {}

    def sentence_vector(self, sentence: str) -> np.ndarray | None:
        """The embedding of one sentence of a text passage (``corpus.sentences``) or of a
        table row's text, if indexed."""
        return self._sentence_vectors.get(text_hash(sentence))

    def source_text(self, issue_id: str) -> str:
        """The full text of an indexed issue (cached after the first read)."""
        if issue_id not in self._sources:
            self._sources[issue_id] = (self.folder / "sources" / f"{issue_id}.txt").read_text("utf-8")
        return self._sources[issue_id]

    def source_pdf(self, issue_id: str) -> tuple[Path, dict[int, int]] | None:
        """The PDF an indexed issue was read from and its printed page → PDF page map (None: not a PDF).
        Read once per issue: a generation's files never change."""
        if issue_id not in self._pdfs:
            self._pdfs[issue_id] = self._read_source_pdf(issue_id)
        return self._pdfs[issue_id]

    def _read_source_pdf(self, issue_id: str) -> tuple[Path, dict[int, int]] | None:
        if issue_id not in {i["issue_id"] for i in self.manifest.issues}:
            return None
        pdf = self.folder / "sources" / f"{issue_id}.pdf"
        if not pdf.is_file():
            return None
        pages_file = pdf.with_suffix(".pages.json")
        pages = json.loads(pages_file.read_text("utf-8")) if pages_file.is_file() else {}
        return pdf, {int(k): int(v) for k, v in pages.items()}

    def page_at(self, doc_number: str, offset: int) -> int | None:
        """The printed page of a source offset inside a document (see corpus.pages)."""
        doc = self.document(doc_number)
        return None if doc is None else doc.page_at(offset)

    def document(self, doc_number: str) -> IndexedDocument | None:
        """The indexed document with this 文号 (None if none)."""
        return self._by_number.get(doc_number)

    def chunk(self, chunk_id: str) -> Chunk:
        """The indexed chunk with this id (KeyError if none)."""
        return self._by_id[chunk_id]

    def chunks_of(self, doc_number: str) -> tuple[Chunk, ...]:
        """A document's chunks in source order (empty if it is not indexed)."""
        return self._by_document.get(doc_number, ())

    def chunk_at(self, doc_number: str, offset: int) -> Chunk | None:
        """The first chunk of a document whose source span holds ``offset`` (its end included)."""
        return next((c for c in self._by_document.get(doc_number, ()) if c.start <= offset < c.end + 1), None)

    def neighbours(self, chunk: Chunk) -> tuple[Chunk | None, Chunk | None]:
        """The chunks before and after ``chunk`` in the same document."""
        i = self._position[chunk.id]
        prev = self.chunks[i - 1] if i > 0 and self.chunks[i - 1].doc_number == chunk.doc_number else None
        nxt = (self.chunks[i + 1] if i + 1 < len(self.chunks) and self.chunks[i + 1].doc_number == chunk.doc_number
               else None)
        return prev, nxt


def serving_generation(index_root: Path) -> str | None:
    """The name ``CURRENT`` points at, unchecked (None without a readable pointer): cheap enough
    to read on a request, to see whether another process switched generations."""
    try:
        return (index_root / "CURRENT").read_text("utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def _current_generation(root: Path) -> str | None:
    if not (root / "CURRENT").is_file():
        return None
    name = serving_generation(root)
    if not name or not (root / name / "manifest.json").is_file():
        raise IndexCorruptError(_damaged(root, "CURRENT 指向的索引不存在或不可读"))
    return name


def _damaged(index_root: Path, what: str) -> str:
    return (f"索引已损坏（{what}）：请运行 `gazette ingest` 重建 / the index in {index_root} is damaged "
            f"({what}): run `gazette ingest` to rebuild it")


def open_index(index_root: Path, embeddings_model_id: str, chroma_url: str | None = None) -> GazetteIndex:
    """Open the serving generation. Raises IndexMissingError, IndexModelMismatchError or
    IndexCorruptError (a file of the generation missing or unreadable), each naming the command
    that fixes it. With a Chroma server the server is reached on the first search, not here."""
    gen = _current_generation(index_root)
    if gen is None:
        raise IndexMissingError(f"索引不存在：请先运行 `gazette ingest` / "
                                f"no index in {index_root}: run `gazette ingest`")
    folder = index_root / gen
    try:
        manifest = IndexManifest(**_read_manifest(folder))
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorruptError(_damaged(index_root, f"{gen}/manifest.json：{type(exc).__name__}")) from exc
    if manifest.model_id != embeddings_model_id:
        raise IndexModelMismatchError(
            f"索引由模型 {manifest.model_id} 生成，当前模型为 {embeddings_model_id}：请重新运行 `gazette ingest` "
            f"/ the index was built with {manifest.model_id}; re-ingest to use {embeddings_model_id}")
    try:
        chunks, documents = _read_generation(folder)
        vectors = (VectorStore.remote(chroma_url, manifest.collection) if chroma_url
                   else _local_store(index_root, folder, manifest.collection))
        keyword = KeywordIndex.load(folder / "keyword")
        sentence_vectors = _read_sentences(folder)
    except (OSError, ValueError, TypeError, KeyError) as exc:  # a truncated or garbled file
        log.debug("index generation %s is unreadable", folder, exc_info=True)  # -v shows it
        raise IndexCorruptError(_damaged(index_root, f"{gen}：{type(exc).__name__}")) from exc
    return GazetteIndex(folder, manifest, chunks, documents, vectors, keyword, sentence_vectors)


def _local_store(index_root: Path, folder: Path, collection: str) -> VectorStore:
    """The generation's own Chroma store; one that does not open is damaged, whatever Chroma raises."""
    try:
        return VectorStore(chroma_client(folder / "chroma", None), collection)
    except Exception as exc:  # noqa: BLE001 - chromadb's InternalError, sqlite's DatabaseError, …
        log.debug("the vector store of %s does not open", folder, exc_info=True)
        raise IndexCorruptError(_damaged(index_root, f"{folder.name}/chroma：{type(exc).__name__}")) from exc


def _read_generation(folder: Path) -> tuple[list[Chunk], list[IndexedDocument]]:
    lines = (folder / "chunks.jsonl").read_text("utf-8").splitlines()
    chunks = [Chunk(**json.loads(line)) for line in lines if line]
    documents = [IndexedDocument(**d) for d in json.loads((folder / "documents.json").read_text("utf-8"))]
    return chunks, documents


def indexed_sentences(chunks: list[Chunk]) -> list[str]:
    """What the answer step compares with the question one by one: the distinct sentences of
    the text passages, and each table row as a whole (so both are measured alike)."""
    out = []
    for c in chunks:
        if c.kind == "text":
            out.extend(sentences(c.text))
        elif c.kind == "table_row":
            out.append(c.text)
    return list(dict.fromkeys(out))


def _write_sentences(path: Path, texts: list[str], vectors: list[list[float]], dim: int) -> None:
    hashes = np.array([text_hash(t) for t in texts], dtype=str)
    array = np.asarray(vectors, dtype=np.float16).reshape(len(texts), dim)  # cosines need no more precision
    with open(path, "wb") as fh:
        np.savez(fh, hashes=hashes, vectors=array)


def _read_sentences(folder: Path) -> dict[str, np.ndarray]:
    path = folder / "sentences.npz"
    if not path.is_file():  # a generation from before sentence vectors: passage similarity is used
        return {}
    with np.load(path, allow_pickle=False) as data:
        return dict(zip(data["hashes"].tolist(), data["vectors"].astype(np.float32), strict=False))


def _previous_generation(index_root: Path) -> tuple[str | None, list[Chunk], list[IndexedDocument], dict]:
    """The serving generation's name, chunks, documents and manifest, which a build extends.
    A damaged one is rebuilt from the issues of this ingest alone (with a warning in the log):
    it cannot be read, and rebuilding is the fix the error messages name."""
    try:
        current = _current_generation(index_root)
        if current is None:
            return None, [], [], {}
        chunks, documents = _read_generation(index_root / current)
        return current, chunks, documents, _read_manifest(index_root / current)
    except (IndexCorruptError, OSError, ValueError, TypeError, KeyError):
        log.warning("the serving index in %s is damaged; building a new one from the issues given", index_root,
                    exc_info=True)
        return None, [], [], {}


def _intact(folder: Path, manifest: dict, chroma_url: str | None) -> bool:
    """Whether a local generation's vectors and BM25 index still open (an unchanged ingest then has
    nothing to do); a damaged one is rebuilt. A Chroma server's collection is not checked here."""
    if chroma_url:
        return True
    try:
        store = VectorStore(chroma_client(folder / "chroma", None), manifest["collection"])
        KeywordIndex.load(folder / "keyword")
        return store.count() == manifest["chunk_count"]
    except Exception:  # noqa: BLE001 - whatever a garbled store raises, the answer is "rebuild it"
        log.warning("the serving index in %s is damaged; rebuilding it", folder, exc_info=True)
        return False


def _read_manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text("utf-8"))


def _one_copy_per_number(chunks: list[Chunk], documents: list[IndexedDocument],
                         warnings: list[str]) -> tuple[list[Chunk], list[IndexedDocument]]:
    """A government web page usually copies a document of a gazette issue, and citations, pages
    and the source viewer look documents up by 文号: a copy without pages (a web page) whose 文号
    an issue with pages holds is left out, with a warning. (Two issues that both print a
    document keep both.)"""
    paged = {d.doc_number: d for d in documents if d.page_source != "none"}
    dropped = {(d.issue_id, d.doc_number) for d in documents if d.page_source == "none" and d.doc_number in paged}
    for issue_id, number in sorted(dropped):
        warnings.append(f"{number} 已收录于{paged[number].issue_label or paged[number].issue_id}，"
                        f"{issue_id} 中的同一文件未重复收录")
    return ([c for c in chunks if (c.issue_id, c.doc_number) not in dropped],
            [d for d in documents if (d.issue_id, d.doc_number) not in dropped])


def build_index(index_root: Path, parsed: list[ParsedIssue], model: GazetteEmbeddings, cache: EmbeddingCache, *,
                collection: str = "gazette", chroma_url: str | None = None, batch_size: int = 32,
                progress: Callable[[str, int, int], None] | None = None, terms: Sequence[str] = ()) -> IngestReport:
    """Add (or replace) ``parsed`` issues in the index and switch serving to the result.

    ``model`` is one of ``embeddings.models``' classes: its ``model_id`` and ``dim`` are
    recorded in the index. ``terms`` are the gazette's own subject words, kept whole by the
    keyword index (the profile's ``terms``). One build at a time (a file lock beside the generations): two
    ingests started together would each add their issue to the same old generation, and the
    one that switched last would drop the other's.
    """
    index_root.mkdir(parents=True, exist_ok=True)
    with open(index_root / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build_index(index_root, parsed, model, cache, collection=collection, chroma_url=chroma_url,
                            batch_size=batch_size, progress=progress, terms=terms)


def _build_index(index_root: Path, parsed: list[ParsedIssue], model: GazetteEmbeddings, cache: EmbeddingCache, *,
                 collection: str, chroma_url: str | None, batch_size: int,
                 progress: Callable[[str, int, int], None] | None, terms: Sequence[str] = ()) -> IngestReport:
    started = time.perf_counter()
    model_id, dim = model.model_id, model.dim
    index_root.mkdir(parents=True, exist_ok=True)
    current, old_chunks, old_docs, old_manifest = _previous_generation(index_root)
    previous = index_root / current if current else None
    old_issues = old_manifest.get("issues", [])
    new_ids = {p.manifest.issue_id for p in parsed}
    chunks = [c for c in old_chunks if c.issue_id not in new_ids]
    documents = [d for d in old_docs if d.issue_id not in new_ids]
    issues = [i for i in old_issues if i["issue_id"] not in new_ids]
    years: dict[str, int] = {i["issue_id"]: i["year"] for i in issues}
    for p in parsed:
        chunks.extend(p.chunks)
        years[p.manifest.issue_id] = p.manifest.year
        issues.append({"issue_id": p.manifest.issue_id, "year": p.manifest.year, "label": p.manifest.label,
                       "source": p.source_name, "date": p.manifest.date})
        for d in p.documents:
            documents.append(IndexedDocument.of(d, p.manifest))
    warnings = [w for p in parsed for w in p.warnings]
    for p in parsed:  # an issue id read wrongly from a cover would otherwise replace another issue unnoticed
        before = [c.text for c in old_chunks if c.issue_id == p.manifest.issue_id]
        if before and before != [c.text for c in p.chunks]:
            warnings.append(f"已收录的{p.manifest.label}（{p.manifest.issue_id}）已由 {p.source_name} 替换")
    chunks, documents = _one_copy_per_number(chunks, documents, warnings)
    unchanged_model = (old_manifest.get("model_id"), old_manifest.get("format", 1)) == (model_id, INDEX_FORMAT)
    unchanged_terms = old_manifest.get("terms", []) == sorted(set(terms))  # another profile's words: re-tokenise
    if (previous and unchanged_model and unchanged_terms and _same_content(old_chunks, chunks)
            and _intact(previous, old_manifest, chroma_url)):
        return IngestReport(current, sorted(new_ids), len(documents), len(chunks), 0,
                            time.perf_counter() - started, changed=False, warnings=warnings)

    gen = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}"
    folder = index_root / gen
    coll_name = f"{collection}-{gen}" if chroma_url else collection
    client = None
    try:
        folder.mkdir()
        # Passages and their sentences in one pass: one cache lookup, one shipped-vector check.
        texts = [embedding_text(c) for c in chunks]
        said = indexed_sentences(chunks)
        every, new = embed_with_cache(model, texts + said, cache, batch_size,
                                      progress=(lambda d, t: progress("embed", d, t)) if progress else None)
        vectors = every[:len(texts)]
        _write_sentences(folder / "sentences.npz", said, every[len(texts):], dim)
        client = chroma_client(folder / "chroma", chroma_url)
        store = VectorStore(client, coll_name, chroma_url)
        store.add([c.id for c in chunks], vectors, [chunk_metadata(c, years[c.issue_id]) for c in chunks])
        headings = sorted({label for c in chunks for label in c.section.split(" › ") if label})
        keyword = KeywordIndex.build([c.id for c in chunks], [_keyword_input(c) for c in chunks], headings, terms)
        keyword.save(folder / "keyword")
        with open(folder / "chunks.jsonl", "w", encoding="utf-8") as fh:
            for c in chunks:
                fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        _write_sources(previous, folder, parsed)
        (folder / "documents.json").write_text(json.dumps([d.to_dict() for d in documents], ensure_ascii=False,
                                                           indent=1), "utf-8")
        manifest = IndexManifest(gen, model_id, dim, coll_name, issues, len(chunks), time.strftime("%Y-%m-%dT%H:%M:%S"),
                                 INDEX_FORMAT, sorted(set(terms)))
        (folder / "manifest.json").write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1), "utf-8")
        tmp = index_root / "CURRENT.tmp"
        tmp.write_text(gen, "utf-8")
        os.replace(tmp, index_root / "CURRENT")  # the switch: atomic on POSIX
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        if chroma_url and client is not None:
            _drop_quietly(client, coll_name)
        raise
    _prune(index_root, gen, chroma_url)
    return IngestReport(gen, sorted(new_ids), len(documents), len(chunks), new,
                        time.perf_counter() - started, changed=True, warnings=warnings)


def _keyword_input(chunk: Chunk) -> str:
    return f"{chunk.doc_number} {chunk.title} {chunk.section} {chunk.text}"


def _write_sources(previous: Path | None, folder: Path, parsed: list[ParsedIssue]) -> None:
    """Keep each issue's text with the index: quotes and pages are checked against it. A PDF
    issue keeps its file too (``<issue>.pdf``, and ``<issue>.pages.json``: printed page → PDF
    page), so the source viewer serves exactly the file the index was built from."""
    sources = folder / "sources"
    sources.mkdir()
    replaced = {f"{p.manifest.issue_id}{ext}" for p in parsed for ext in (".txt", ".pdf", ".pages.json")}
    if previous and (previous / "sources").is_dir():
        for old in (previous / "sources").iterdir():
            if old.name in replaced:
                continue  # this issue's files are written anew below
            if old.suffix == ".pdf":
                _link_or_copy(old, sources / old.name)  # never written again: sharing the file is safe
            else:
                shutil.copy2(old, sources / old.name)
    for p in parsed:
        (sources / f"{p.manifest.issue_id}.txt").write_text(p.text, "utf-8")
        if p.source_pdf:
            shutil.copyfile(p.source_pdf, sources / f"{p.manifest.issue_id}.pdf")
            (sources / f"{p.manifest.issue_id}.pages.json").write_text(
                json.dumps({str(k): v for k, v in sorted(p.pdf_pages.items())}), "utf-8")


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)


def _same_content(old: list[Chunk], new: list[Chunk]) -> bool:
    return [c.to_dict() for c in old] == [c.to_dict() for c in new]


def _drop_quietly(client, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # noqa: BLE001 - best effort clean-up of a failed build
        log.warning("could not drop collection %s", name)


def _prune(index_root: Path, keep: str, chroma_url: str | None) -> None:
    """Remove old and half-built generations, keeping the newest few (a server may still read one)."""
    gens = sorted(p for p in index_root.iterdir() if p.is_dir() and p.name.startswith("gen-"))
    complete = [g for g in gens if (g / "manifest.json").is_file()]
    keepers = {keep, *[g.name for g in complete[-KEEP_GENERATIONS:]]}
    client = chroma_client(None, chroma_url) if chroma_url else None
    for g in gens:
        if g.name in keepers:
            continue
        if client is not None and g in complete:
            try:
                _drop_quietly(client, _read_manifest(g)["collection"])
            except (OSError, ValueError, KeyError):  # a damaged generation: its folder goes all the same
                log.warning("could not read the manifest of %s", g)
        shutil.rmtree(g, ignore_errors=True)
