"""Render the scale benchmark as a PNG: held-out quality and answer latency against corpus size.

Run: ``python -m benchmarks.plot [--out docs/scale.png]`` after ``python -m benchmarks.scale``;
it plots the latest record of ``benchmarks/results/scale.json`` over ``--questions`` (matplotlib:
``pip install 'gazette-qa[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.settings import PROJECT_DIR
from benchmarks.common import RESULTS_DIR


def plot_scale(entry: dict, out: Path) -> Path:
    """Two panels side by side: answer-correct, refusal recall and doc@1; answer p50/p95 in ms."""
    try:
        import matplotlib
    except ImportError as exc:
        raise SystemExit("the plot needs matplotlib: pip install 'gazette-qa[bench]'") from exc
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    rows = sorted(entry["results"]["sizes"], key=lambda r: r["issues"])
    issues = [r["issues"] for r in rows]
    fig, (quality, latency) = plt.subplots(1, 2, figsize=(10, 4))
    quality.plot(issues, [r["correct"] for r in rows], "o-", label="answerable: correct")
    quality.plot(issues, [r["refusal_recall"] for r in rows], "s--", label="unanswerable: refused")
    quality.plot(issues, [r["doc@1"] for r in rows], "^:", label="doc@1")
    quality.set_xlabel("issues in the corpus (1 real + generated distractors)")
    quality.set_ylabel("held-out share")
    quality.set_ylim(0, 1)
    quality.set_title(f"Quality on {entry['settings']['questions']} (n={rows[0]['questions']})")
    quality.legend(loc="lower left")
    for key, style in (("p50", "o-"), ("p95", "s--")):  # p99 of a few dozen questions is the cold first one
        latency.plot(issues, [r["answer_ms"][key] for r in rows], style, label=f"answer {key}")
    latency.set_xlabel("issues in the corpus")
    latency.set_ylabel("ms per answer (in-process, extractive)")
    latency.set_ylim(bottom=0)
    latency.set_title("Answer latency")
    latency.legend(loc="upper left")
    for ax in (quality, latency):
        ax.set_xticks(issues)
        ax.grid(alpha=0.3)
    fig.suptitle(f"Scale benchmark, {entry['date'][:10]}, commit {entry['commit']}, "
                 f"{entry['machine']['cores']} cores", fontsize=10)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "scale.json")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "docs" / "scale.png")
    parser.add_argument("--questions", default="heldout.jsonl", help="plot the latest record over this gold file")
    args = parser.parse_args(argv)
    entries = [e for e in json.loads(args.results.read_text("utf-8")) if e["settings"]["questions"] == args.questions]
    if not entries:
        raise SystemExit(f"no scale record over {args.questions} in {args.results}")
    sys.stdout.write(f"{plot_scale(entries[-1], args.out)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
