"""Negation, denial, hypotheticals, plans and blocks (extract/modality.py)."""

from borderledger.extract.modality import (
    ASSERTED, BLOCKED, DENIED, HYPOTHETICAL, NEGATED, PLANNED, assess, is_question,
)


def at(sentence, word):
    i = sentence.index(word)
    return assess(sentence, i, i + len(word))


def test_plain_statement_is_asserted():
    assert at("Forty migrants were deported to Honduras on Monday.", "deported") == ASSERTED


def test_denial_before_the_trigger():
    assert at("The ministry denied that any plane had landed in the capital.", "landed") == DENIED


def test_negation_close_before_the_trigger():
    assert at("The government has not agreed to take anyone.", "agreed") == NEGATED


def test_not_but_contrast_keeps_the_assertion():
    s = "They were sent not to their homelands but to a third country."
    assert at(s, "to a third") == ASSERTED


def test_conditional_is_hypothetical():
    assert at("If the pact is ratified, migrants could be flown to the capital.", "flown") == HYPOTHETICAL


def test_whether_is_hypothetical():
    assert at("Officials are weighing whether to return the men to Cuba.", "return") == HYPOTHETICAL


def test_schedule_is_planned():
    assert at("Another charter carrying 50 people is scheduled for Friday.", "carrying") == PLANNED


def test_cancellation_is_blocked():
    assert at("Two flights meant to carry migrants to Lima were cancelled.", "carry") == BLOCKED


def test_month_may_is_not_the_modal():
    assert at("In May, the army deployed 900 soldiers to the border.", "deployed") == ASSERTED


def test_questions_are_recognised():
    assert is_question("Will the deal survive a court challenge?")
    assert not is_question("The deal survived.")
