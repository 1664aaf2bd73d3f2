"""core/messages.py: messages built in core/ stay English text, and render translated with French numbers."""

import json

import numpy as np

from terridata.core.messages import ENGLISH, Localiser, Message, join

NNBSP = "\u202f"  # narrow no-break space: the French thousands separator
FRENCH_TEMPLATES = {
    "{:,} of {:,} values are missing ({:.1f} %)": "{:,} valeurs sur {:,} manquent ({:.1f} %)",
    "Commune {} of the COG {}": "Commune {} du COG {}",
    "{} unchanged": "{} inchangés",
    "generalised to {}": "généralisé en {}",
    "exact age": "âge exact",
}
FRENCH = Localiser(lambda text: FRENCH_TEMPLATES.get(text, text), ",", NNBSP, "fr")


def test_a_message_is_its_english_text():
    message = Message("{:,} of {:,} values are missing ({:.1f} %)", 400, 1200, 100 / 3)
    assert message == "400 of 1,200 values are missing (33.3 %)"
    assert json.dumps({"message": message}) == '{"message": "400 of 1,200 values are missing (33.3 %)"}'
    assert ENGLISH.text(message) == message


def test_french_numbers_where_shown_to_people():
    message = Message("{:,} of {:,} values are missing ({:.1f} %)", np.int64(400), np.int64(1200), 66.666)
    assert FRENCH.text(message) == f"400 valeurs sur 1{NNBSP}200 manquent (66,7 %)"
    # codes and years are not numbers to separate
    assert FRENCH.text(Message("Commune {} of the COG {}", "01001", 2024)) == "Commune 01001 du COG 2024"
    assert FRENCH.number(35357) == f"35{NNBSP}357" and FRENCH.number(0.961333) == "0,9613"
    assert FRENCH.number(1234567.5, ",.1f") == f"1{NNBSP}234{NNBSP}567,5"
    assert ENGLISH.number(35357) == "35,357"


def test_parameters_that_are_messages_are_translated_too():
    level = Message("exact age")
    assert FRENCH.text(Message("generalised to {}", level)) == "généralisé en âge exact"
    counts = join(", ", [Message("{} unchanged", 3), Message("{} unchanged", 1200)])
    assert counts == "3 unchanged, 1200 unchanged"
    assert FRENCH.text(counts) == "3 inchangés, 1200 inchangés"
    # a plain text of the catalogue is translated; any other text is left as it is
    assert FRENCH.text("exact age") == "âge exact" and FRENCH.text("population") == "population"
