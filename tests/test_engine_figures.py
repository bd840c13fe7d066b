"""What a figure counts, read from the words around it, on sentences written like (but not copied from) the
articles of the genre."""

from __future__ import annotations

from index.facts.figures import FigureFact, analyse_sentence


def _facts(sentence: str) -> dict[str, FigureFact]:
    return {fact.figure.phrase: fact for fact in analyse_sentence(sentence, 0, len(sentence))}


def _metric(fact: FigureFact) -> str:
    return min(fact.costs, key=lambda metric: fact.costs[metric])


def test_report_flow_with_of_which() -> None:
    facts = _facts(
        "By July 31, the teams had received 18,960 tip-offs and accepted 16,002, of which 15,110 were "
        "handed over to local governments and 9,877 had been settled."
    )
    assert _metric(facts["18,960"]) == "received"
    assert _metric(facts["16,002"]) == "accepted"
    assert _metric(facts["15,110"]) == "transferred"
    assert _metric(facts["9,877"]) == "closed"
    assert facts["16,002"].noun_class == "reports"  # inherited from "tip-offs"


def test_cases_fines_investigations_and_detentions() -> None:
    facts = _facts(
        "Local governments filed 2,108 cases for punishment with fines of 117.5 million yuan, opened 89 "
        "criminal cases and detained 172 people; 1,035 officials were summoned for talks and 512 were held "
        "accountable."
    )
    assert _metric(facts["2,108"]) == "punishment"
    assert _metric(facts["117.5 million yuan"]) == "fine"
    assert facts["117.5 million yuan"].figure.unit == "yuan"
    assert _metric(facts["89"]) == "investigation"
    assert _metric(facts["172"]) == "detained"
    assert _metric(facts["1,035"]) == "interviewed"
    assert _metric(facts["512"]) == "accountable"
    assert facts["512"].noun_class == "people"


def test_list_members_share_the_verb_after_the_list() -> None:
    facts = _facts("In total 5 departments, 21 companies and 9 officials have been held accountable.")
    assert {phrase: _metric(fact) for phrase, fact in facts.items()} == {
        "5": "accountable",
        "21": "accountable",
        "9": "accountable",
    }
    assert [facts[p].noun_class for p in ("5", "21", "9")] == ["units", "enterprises", "people"]


def test_a_part_takes_the_noun_and_predicate_of_its_whole() -> None:
    facts = _facts("The team found that 12 of the company's 40 mining projects broke the rules.")
    assert facts["12"].noun_class == "projects"
    assert facts["40"].whole


def test_uncued_counts_have_no_metric() -> None:
    facts = _facts("Nine teams were stationed in five provinces and two central enterprises.")
    assert all(not fact.costs for fact in facts.values())
    assert [facts[p].noun_class for p in ("Nine", "five", "two")] == ["teams", "provinces", "enterprises"]
