"""What README.md and docs/rule-pack.md say of the rule pack's files, topics and entries is what
the built-in pack holds: a maintainer adding a country reads those lists, and nothing else
checked them when a file, a topic or a kind of entry was added."""

from __future__ import annotations

import re
from typing import get_args

from readme_examples import DOCS, README, ROOT

PACK = ROOT / "src" / "sojourn" / "rules" / "pack"


def _section(text: str, heading: str) -> str:
    """The text of the section under ``heading`` (a whole heading line), to the next heading of
    its level or above."""
    level = heading.split(" ")[0]
    start = text.index(f"\n{heading}\n")
    after = re.search(rf"\n#{{1,{len(level)}}} ", text[start + 1:])
    return text[start:start + 1 + after.start()] if after else text[start:]


def _files_not_a_host_s_own() -> list[str]:
    """The pack's files that hold no one host's rules (`treaties.yaml`, not `kz.yaml`): the
    documents must name each, as no host's name leads to it."""
    from sojourn.rules.loader import load_pack

    pack = load_pack()
    hosts = {h.lower() for h in pack.hosts()} | {z.lower() for z in pack.zones}
    return sorted(p.name for p in PACK.glob("*.yaml") if p.stem not in hosts)


def test_the_readme_s_adding_a_country_names_every_file_of_the_pack_not_a_host_s_own() -> None:
    # it named neither ru-criminal-code.yaml nor treaties.yaml, where a new host that is party
    # to the European Convention on Extradition is added
    section = _section(README.read_text(encoding="utf-8"), "## Adding a country")
    missing = [f for f in _files_not_a_host_s_own() if f"`{f}`" not in section]
    assert not missing, f"README's Adding a country names no {missing}"


def test_rule_pack_md_s_files_names_every_file_of_the_pack_not_a_host_s_own() -> None:
    section = _section((DOCS / "rule-pack.md").read_text(encoding="utf-8"), "## Files")
    missing = [f for f in _files_not_a_host_s_own() if f"`{f}`" not in section]
    assert not missing, f"docs/rule-pack.md's Files names no {missing}"


def test_rule_pack_md_s_example_rule_lists_every_topic() -> None:
    # the comment on `topic:` in the example rule is where a rule's writer looks them up
    from sojourn.rules.schema import Topic

    text = (DOCS / "rule-pack.md").read_text(encoding="utf-8")
    comment = re.search(r"^ +topic: \w+ +# (.+)$", text, re.M)
    assert comment, "docs/rule-pack.md's example rule has no topic comment"
    assert set(comment[1].split(", ")) == set(get_args(Topic))


def test_the_readme_names_every_kind_rules_show_gives_an_entry() -> None:
    # it listed offence, limitation, gravity and listing after the treaties got ids of their own
    # and `rules show` gave them as kind treaty
    from sojourn.rules.loader import load_pack
    from sojourn.rules.schema import code_entry_kind

    pack = load_pack()
    entries = (*pack.offences, *pack.gravity, *pack.limitation, *pack.listings, *pack.treaties)
    kinds = {code_entry_kind(entry) for entry in entries}
    text = " ".join(README.read_text(encoding="utf-8").split())
    said = re.search(r"its `kind` \(([^)]*)\) added", text)
    assert said, "README no longer lists the kinds `rules show --json` gives"
    assert set(re.findall(r"`(\w+)`", said[1])) == kinds
