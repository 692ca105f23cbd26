"""No word of the shipped city in the code: its names, its counties, its 文号 prefix and its
gazette belong to the profile (corpus/profiles/*.toml), so that another city's gazette needs a
profile, not a code change. Comments and docstrings count: they use a made-up city. The data
files beside the code count too (the pages, scripts and styles the server sends, the JSON and
TSV the code reads), except the files the shipped profile names as its own."""

from __future__ import annotations

from pathlib import Path

from corpus.profile import GazetteProfile, load_profile

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("corpus", "embeddings", "assistant")
# The shipped city, its abbreviation (朔政发, 朔州) and its districts and counties.
CITY_WORDS = ("朔", "朔州", "朔政", "朔城区", "平鲁", "山阴", "应县", "右玉", "怀仁", "Shuozhou", "shuozhou")
DATA_SUFFIXES = (".html", ".js", ".css", ".svg", ".json", ".tsv", ".toml")
# Data files that may name the city, each with its reason. Keep this short.
ALLOWED_DATA = {
    # CC-CEDICT's English glosses of the words of the current index (written by assistant.glossary for
    # whatever gazette is indexed): the dictionary's text, not the assistant's wording.
    "assistant/glossary_en.tsv",
}


def city_words() -> set[str]:
    shipped = load_profile()
    return {*CITY_WORDS, shipped.city, shipped.gazette, shipped.assistant_name, shipped.site}


def lines_naming_the_city(paths: list[Path]) -> list[str]:
    """``file:line: word  line`` for each line of ``paths`` that holds one of the city's words."""
    words = sorted(city_words(), key=len, reverse=True)
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            hits = [w for w in words if w in line]
            if hits:
                found.append(f"{path.relative_to(ROOT)}:{number}: {hits[0]}  {line.strip()[:80]}")
    return found


def profiles_own_files(profile: GazetteProfile) -> set[Path]:
    """The shipped profile's TOML file and the files it names: its API examples, its sample issue
    and that issue's manifest."""
    own = {ROOT / "corpus" / "profiles" / "shuozhou.toml"}
    if profile.api_examples_path() is not None:
        own.add(profile.api_examples_path())
    issue = profile.sample_issue_path()
    return {p.resolve() for p in own | {issue, issue.with_suffix(".json")}}


def data_files() -> list[Path]:
    """The text data files beside the code, less the shipped profile's own and the allowed ones."""
    own = profiles_own_files(load_profile())
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*")
                  if p.suffix in DATA_SUFFIXES and p.resolve() not in own
                  and p.relative_to(ROOT).as_posix() not in ALLOWED_DATA)


def test_no_python_file_names_the_shipped_city():
    found = lines_naming_the_city([p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))])
    assert not found, "words of the shipped city in the code (move them to the profile):\n" + "\n".join(found)


def test_no_served_or_read_data_file_names_the_shipped_city():
    files = data_files()
    names = {p.relative_to(ROOT).as_posix() for p in files}
    # The scan covers what the server sends and what the code reads beside it.
    assert {"assistant/static/widget-demo.html", "assistant/static/widget.js", "assistant/static/viewer.css",
            "assistant/answer_weights.json"} <= names
    found = lines_naming_the_city(files)
    assert not found, ("words of the shipped city in data files beside the code (move them beside the profile, "
                       "corpus/profiles/):\n" + "\n".join(found))


def test_the_shipped_profiles_own_files_are_the_ones_left_out():
    own = {p.relative_to(ROOT).as_posix() for p in profiles_own_files(load_profile())}
    assert own == {"corpus/profiles/shuozhou.toml", "corpus/profiles/shuozhou-api-examples.json",
                   "corpus/shuozhou-gazette-2022-05.txt", "corpus/shuozhou-gazette-2022-05.json"}
    assert all((ROOT / name).is_file() for name in own | ALLOWED_DATA)


def test_the_scan_would_see_them():
    """The words are the ones the shipped profile writes: the scan is not looking for nothing."""
    profile_text = (ROOT / "corpus" / "profiles" / "shuozhou.toml").read_text("utf-8")
    assert all(w in profile_text for w in ("朔州市", "朔政办发", "应县"))
