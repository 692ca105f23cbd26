"""No word of the shipped city in the code: its names, its counties, its 文号 prefix and its
gazette belong to the profile (corpus/profiles/*.toml), so that another city's gazette needs a
profile, not a code change. Comments and docstrings count: they use a made-up city."""

from __future__ import annotations

from pathlib import Path

from corpus.profile import load_profile

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "embeddings", "assistant")
# The shipped city, its abbreviation (朔政发, 朔州) and its districts and counties.
CITY_WORDS = ("朔", "朔州", "朔政", "朔城区", "平鲁", "山阴", "应县", "右玉", "怀仁", "Shuozhou", "shuozhou")


def city_words() -> set[str]:
    shipped = load_profile()
    return {*CITY_WORDS, shipped.city, shipped.gazette, shipped.assistant_name, shipped.site}


def test_no_python_file_names_the_shipped_city():
    words = sorted(city_words(), key=len, reverse=True)
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                hits = [w for w in words if w in line]
                if hits:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {hits[0]}  {line.strip()[:80]}")
    assert not found, "words of the shipped city in the code (move them to the profile):\n" + "\n".join(found)


def test_the_scan_would_see_them():
    """The words are the ones the shipped profile writes: the scan is not looking for nothing."""
    profile_text = (ROOT / "corpus" / "profiles" / "shuozhou.toml").read_text("utf-8")
    assert all(w in profile_text for w in ("朔州市", "朔政办发", "应县"))
