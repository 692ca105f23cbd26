"""The ``gazette`` command: ingest, corpus, ask, serve, openapi, eval, refresh-shipped."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from assistant.errors import UsageError, UserError
from assistant.ingest import issue_paths, refresh_shipped, run_ingest
from assistant.settings import Settings, load_settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser(_description())
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args, load_settings())
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # 「gazette ask … | head」: the reader has all it wanted
        # Point stdout at /dev/null so that flushing it at exit raises nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except UserError as exc:
        # Only failures whose message is meant for the user (assistant.errors); anything else is
        # a bug and keeps its traceback.
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2


def _description() -> str:
    """The help's first line, from the gazette profile; unreadable settings or profile leave a plain one
    (the command itself then stops with the reason)."""
    try:
        return load_settings().gazette_profile().cli_description
    except UserError:
        return "公报问答"


def _parser(description: str = "公报问答") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="gazette", description=description)
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="parse gazette issues and build or update the index")
    ing.add_argument("paths", nargs="*", type=Path,
                     help="issue files (.txt, .pdf) or folders of them (default: every issue in corpus_dir)")
    ing.add_argument("--dry-run", action="store_true", help="parse and print the per-document summary only")
    ing.set_defaults(func=cmd_ingest)

    cor = sub.add_parser("corpus", help="print what the parser finds in each issue (same as ingest --dry-run)")
    cor.add_argument("paths", nargs="*", type=Path)
    cor.set_defaults(func=cmd_corpus)

    ask = sub.add_parser("ask", help="ask a question")
    ask.add_argument("question", nargs="?", help="the question, in Chinese")
    ask.add_argument("--json", action="store_true", help="print the answer object as JSON")
    ask.add_argument("--batch", type=Path, help="JSONL file of {id, question, history}; writes JSONL answers")
    ask.add_argument("--mode", choices=["extractive", "llm"], help="answerer (default: settings)")
    ask.set_defaults(func=cmd_ask)

    srv = sub.add_parser("serve", help="serve the chat page, the REST API and the widget")
    srv.add_argument("--host")
    srv.add_argument("--port", type=int)
    srv.add_argument("--workers", type=int, default=None,
                     help="worker processes, each with the index open (they share the rate limit and follow a "
                          "new index generation); default: one per core (at most 4), or 1 in LLM mode (its "
                          "answers stream through one process's queue)")
    srv.set_defaults(func=cmd_serve)

    api = sub.add_parser("openapi", help="print the REST API's OpenAPI document (as docs/openapi.json holds it)")
    api.add_argument("--out", type=Path, help="write it to this file instead")
    api.set_defaults(func=cmd_openapi)

    ev = sub.add_parser("eval", help="score retrieval and answers on a gold question set")
    ev.add_argument("file", nargs="?", type=Path,
                    help="question JSONL (default: both splits, evals/heldout.jsonl and evals/tune.jsonl)")
    ev.add_argument("--mode", choices=["extractive", "llm"], default="extractive")
    ev.add_argument("--baseline", action="store_true", help="also score the naive LangChain recipe")
    ev.add_argument("--out", type=Path, default=Path("evals/out"), help="folder for report.md and report.json")
    ev.add_argument("--limit", type=int, help="only the first N questions (a quick check)")
    ev.set_defaults(func=cmd_eval)

    ship = sub.add_parser("refresh-shipped", help="after a chunking change: re-embed the bundled issue and "
                                                  "rewrite its shipped vectors (embeddings/shipped/)")
    ship.set_defaults(func=cmd_refresh_shipped)
    return p


def cmd_corpus(args, settings: Settings) -> int:
    from corpus.parse import parse_issue

    profile = settings.gazette_profile()
    for path in issue_paths(settings, args.paths):
        parsed = parse_issue(path, profile=profile)
        print(f"{parsed.manifest.label}  {path.name}")
        print(summary_table(parsed))
        for w in parsed.warnings:
            print(f"  注意: {w}")
    return 0


def summary_table(parsed) -> str:
    rows = [("文号", "页码", "章节", "块", "表格行", "标题")]
    for doc in parsed.documents:
        chunks = [c for c in parsed.chunks if c.doc_number == doc.doc_number]
        sections = len({c.section for c in chunks})
        table_rows = sum(c.kind == "table_row" for c in chunks)
        rows.append((doc.doc_number, doc.pages_label, str(sections), str(len(chunks)), str(table_rows), doc.title))
    widths = [max(_width(r[i]) for r in rows) for i in range(5)]
    lines = []
    for r in rows:
        lines.append("  ".join(_pad(r[i], widths[i]) for i in range(5)) + "  " + r[5])
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def cmd_ingest(args, settings: Settings) -> int:
    if args.dry_run:
        return cmd_corpus(args, settings)
    report = run_ingest(settings, args.paths, echo=True)
    print(f"完成 / done: {len(report.issues)} 期, {report.documents} 个文件, {report.chunks} 个块, "
          f"新嵌入 {report.new_embeddings} 条, 用时 {report.seconds:.1f}s"
          + ("" if report.changed else "（索引无变化 / index unchanged）"))
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from assistant.plain import render_text
    from assistant.service import AskService

    service = AskService.from_settings(settings)
    if args.batch:
        return _ask_batch(service, args.batch, args.mode)
    if not args.question:
        print(f"请提供问题，例如：gazette ask \"{service.profile.examples[0]}\"", file=sys.stderr)
        return 2
    answer = service.ask(args.question, mode=args.mode)
    if args.json:
        print(answer.model_dump_json(indent=1))
    else:
        print(render_text(answer))
    return 0


def _ask_batch(service, path: Path, mode: str | None) -> int:
    from assistant.errors import QuestionError

    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        item = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise UsageError("每行须为含 question 字段的 JSON 对象")
            out = service.ask_item(item, mode)
        except (json.JSONDecodeError, UsageError, QuestionError) as exc:
            out = {"id": item.get("id") if isinstance(item, dict) else None,
                   "error": f"第 {lineno} 行：{exc}"}
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


MAX_DEFAULT_WORKERS = 4  # the default's cap: one per core, but a big host need not hold a copy per core


def cmd_serve(args, settings: Settings) -> int:
    from embeddings.models import openmp_threads, usable_cores

    if args.workers is None:  # each worker holds the index and the model (about 600 MB)
        args.workers = 1 if settings.answer_mode == "llm" else min(usable_cores(), MAX_DEFAULT_WORKERS)
    if args.workers < 1:
        raise UsageError("--workers 至少为 1")
    if args.workers > 1 and settings.answer_mode == "llm":
        print("注意：LLM 模式下聊天页的回答经由一个进程的队列逐字送出，多个进程时可能收不到；聊天页请用 --workers 1",
              file=sys.stderr)
    # Worker processes share the cores: each one's e5 engine gets its share, or their OpenMP
    # threads wait on each other (benchmarks/PROFILE.md). Set here, before any model loads, it
    # reaches this process's index build and every worker through the environment.

    openmp_threads(settings.embedding_threads or max(1, usable_cores() // args.workers))
    from assistant.api import create_app

    try:
        import uvicorn
    except ImportError:
        print("serve needs: pip install 'gazette-qa[serve]'", file=sys.stderr)
        return 2
    host = args.host or settings.host
    port = args.port or settings.port
    if args.workers == 1:
        app = create_app(settings, ingest_if_missing=True)
        print(f"公报问答已启动：http://{host}:{port}/  （API 文档 /docs，挂件演示 /widget-demo）", file=sys.stderr)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return 0
    # Several processes: the index is built here, once, before any worker opens it; each worker
    # builds its app from the same settings (environment and gazette.toml) through the factory.
    if not (settings.index_dir / "CURRENT").is_file():
        run_ingest(settings, echo=True)
    print(f"公报问答已启动（{args.workers} 个进程）：http://{host}:{port}/", file=sys.stderr)
    uvicorn.run("assistant.api:app_from_environment", factory=True, host=host, port=port, workers=args.workers,
                log_level="warning")
    return 0


def cmd_openapi(args, settings: Settings) -> int:
    from assistant.api import openapi_document

    text = json.dumps(openapi_document(settings), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.out:
        args.out.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from evals.harness import run_eval

    return run_eval(settings, args.file, mode=args.mode, baseline=args.baseline, out=args.out, limit=args.limit)


def cmd_refresh_shipped(args, settings: Settings) -> int:
    path = refresh_shipped(settings)
    print(f"已写入 / wrote {path}（{path.stat().st_size / 1e6:.1f} MB）", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
