"""Profile of the answer path (pyinstrument, a statistical profiler; ``pip install 'gazette-qa[bench]'``).

Run: ``python -m benchmarks.profile [--limit N]`` over the configured data dir's index. It starts
the service, warms it up on a few questions, then profiles answering the first-turn gold
questions once each. Writes the call tree to ``benchmarks/results/profile.txt`` and appends the
functions with the most time of their own, and the biggest subtrees of our packages, to
``benchmarks/results/profile.json``. ``benchmarks/PROFILE.md`` discusses them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict

from benchmarks.common import RESULTS_DIR, load_questions, record, without_query_cache

OUR_PACKAGES = ("assistant/", "embeddings/", "corpus/")


def _walk(frame):
    yield frame
    for child in frame.children:
        yield from _walk(child)


def _name(frame) -> str:
    path = frame.file_path_short or frame.file_path or "?"
    return f"{frame.function} ({path}:{frame.line_no})"


def summarise(root, top: int = 25) -> dict:
    """Self time per function, and inclusive time per function of our packages (outermost call only)."""
    own: dict[str, float] = defaultdict(float)
    inclusive: dict[str, float] = defaultdict(float)

    def visit(frame, open_names: frozenset) -> None:
        if frame.is_synthetic:  # pyinstrument's 「[self]」 leaves: their time is the parent's own time
            return
        name = _name(frame)
        own[name] += frame.total_self_time
        ours = any(p in (frame.file_path or "") for p in OUR_PACKAGES)
        if ours and name not in open_names:
            inclusive[name] += frame.time
        for child in frame.children:
            visit(child, open_names | {name} if ours else open_names)

    visit(root, frozenset())
    total = root.time or 1.0

    def pick(d: dict) -> list[dict]:
        return [{"function": k, "seconds": round(v, 3), "share": round(v / total, 3)}
                for k, v in sorted(d.items(), key=lambda kv: -kv[1])[:top]]

    return {"total_seconds": round(total, 2), "self_time": pick(own), "inclusive_ours": pick(inclusive)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="first N questions only")
    parser.add_argument("--interval", type=float, default=0.001, help="sampling interval in seconds")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    without_query_cache()
    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        raise SystemExit("the profile needs pyinstrument: pip install 'gazette-qa[bench]'") from exc
    from assistant.service import AskService
    from assistant.settings import load_settings

    settings = load_settings()
    questions = load_questions()[:args.limit] if args.limit else load_questions()
    service = AskService.from_settings(settings)
    for q in questions[:20]:
        service.ask(q)
    profiler = Profiler(interval=args.interval)
    profiler.start()
    for q in questions:
        service.ask(q)
    profiler.stop()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "profile.txt").write_text(profiler.output_text(unicode=True, color=False, show_all=False), "utf-8")
    summary = summarise(profiler.last_session.root_frame())
    summary["per_question_ms"] = round(summary["total_seconds"] * 1000 / len(questions), 1)
    record("profile", {"questions": len(questions), "interval_s": args.interval, "data_dir": str(settings.data_dir)},
           summary)
    for row in summary["self_time"][:15]:
        sys.stdout.write(f"{row['share']:6.1%} {row['seconds']:8.2f}s  {row['function']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
