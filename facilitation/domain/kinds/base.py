"""What activity kinds share: the kind interface, answers, poll settings, option lists.

``whole_number`` and ``short_text`` (from ``domain.fields``) are available here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Refusal
from ..fields import short_text as short_text  # re-exported for the kinds
from ..fields import whole_number as whole_number

RESULTS_LIVE = "live"
RESULTS_PRESENTER = "presenter"
RESULTS_HIDDEN = "hidden"
RESULTS_MODES = (RESULTS_LIVE, RESULTS_PRESENTER, RESULTS_HIDDEN)

MIN_OPTIONS = 2
MAX_OPTIONS = 12
MAX_LABEL = 120
MAX_OPTION_ID = 32


def N_(text: str) -> str:
    """Mark ``text`` for the translation catalogs; the web layer translates it."""
    return text


@dataclass(frozen=True)
class Answer:
    """One participant's stored answer to one item; ``id`` is public, the participant is not."""

    id: str
    value: Any
    hidden: bool = False


class ActivityKind:
    """What every activity kind answers; the defaults fit activities without answers.

    Methods that need the item get the ``AgendaItem`` (config, status,
    ``revealed``, ``highlight``); tallies are whatever ``new_tally`` returns.
    """

    name: str = ""
    label: str = ""
    collects_answers: bool = False

    def validate_config(self, config) -> dict:
        """Return the normalized configuration or refuse it, naming the field."""
        if config is None:
            return {}
        if not isinstance(config, dict):
            raise Refusal("invalid_config", field="config")
        return config

    def from_form(self, form: Mapping[str, str]) -> dict:
        """Turn the authoring form's fields into a configuration (validated afterwards)."""
        return {}

    def to_form(self, config: dict) -> dict:
        """The authoring form's field values for an existing configuration."""
        return {}

    def parse_answer(self, config: dict, value):
        """Return the normalized answer value or refuse it."""
        raise Refusal("not_answerable")

    def new_tally(self, config: dict, answers: list[Answer]):
        """Return the in-memory tally for the stored ``answers`` (None for kinds without)."""
        return None

    def apply(self, tally, previous: Answer | None, current: Answer | None) -> bool:
        """Replace one participant's answer in ``tally``; return whether results changed."""
        return False

    def answer_count(self, tally) -> int:
        """How many participants have answered (for thresholds and "n answered")."""
        return 0

    def results(self, item, tally, moderator: bool) -> dict | None:
        """The aggregate; ``moderator`` (the presenter) also sees what is hidden from others."""
        return None

    def public_config(self, config: dict) -> dict:
        """The part of the configuration every participant may see."""
        return config

    def sample_answer(self, config: dict, rng, phrases):
        """A plausible answer for a simulated participant in a rehearsal, from the public
        ``config``; ``rng`` is a ``random.Random``, ``phrases`` the texts of
        ``domain.rehearsal`` in the workshop's language. None: the kind takes no answers."""
        return None

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """One participant's own answer as lines of text (for their takeaway).

        ``translations`` has ``gettext`` and ``ngettext`` (a Babel catalog in
        the workshop's language); option ids become their labels.
        """
        return [str(value)]


class PollKind(ActivityKind):
    """A kind that collects one answer per participant, with the settings every poll shares.

    Subclasses implement ``validate_poll`` (their own fields) and, for the
    authoring form, ``poll_from_form`` / ``poll_to_form``.
    """

    collects_answers = True
    # Who sees the results when the configuration does not say.
    default_results = RESULTS_PRESENTER

    def validate_config(self, config) -> dict:
        """Validate the kind's own fields, then the shared ``results`` and ``changeable``."""
        config = super().validate_config(config)
        results = config.get("results", self.default_results)
        if results not in RESULTS_MODES:
            raise Refusal("invalid_config", field="results")
        changeable = config.get("changeable", True)
        if not isinstance(changeable, bool):
            raise Refusal("invalid_config", field="changeable")
        return {**self.validate_poll(config), "results": results, "changeable": changeable}

    def validate_poll(self, config: dict) -> dict:
        """Return the kind's own normalized fields."""
        raise NotImplementedError

    def from_form(self, form: Mapping[str, str]) -> dict:
        """Shared settings from the form plus the kind's own fields."""
        return {
            **self.poll_from_form(form),
            "results": form.get("results", self.default_results),
            "changeable": form.get("changeable") == "on",
        }

    def to_form(self, config: dict) -> dict:
        """Form values for the shared settings plus the kind's own fields."""
        return {
            **self.poll_to_form(config),
            "results": config.get("results", self.default_results),
            "changeable": "on" if config.get("changeable", True) else "",
        }

    def poll_from_form(self, form: Mapping[str, str]) -> dict:
        """The kind's own fields from the form."""
        return {}

    def poll_to_form(self, config: dict) -> dict:
        """The kind's own form values."""
        return {}


class OptionsPoll(PollKind):
    """A poll whose only own field is its list of 2–12 options, typed one per line."""

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"options": [{"id"?, "label"} | str]}``; give each option an id."""
        return {"options": validate_options(config.get("options"))}

    def poll_from_form(self, form) -> dict:
        """Options are typed one per line."""
        return {"options": options_from_lines(form.get("options"))}

    def poll_to_form(self, config: dict) -> dict:
        """One option per line."""
        return {"options": "\n".join(option["label"] for option in config["options"])}


def validate_options(options, field: str = "options", minimum=MIN_OPTIONS, maximum=MAX_OPTIONS):
    """Normalize a list of options (strings or ``{"id"?, "label"}``) and give each an id.

    Refuses too few or too many options, empty or overlong labels, labels that
    appear twice (ignoring case) and repeated ids, naming the field.
    """
    if not isinstance(options, list):
        raise Refusal("invalid_config", field=field)
    if not minimum <= len(options) <= maximum:
        raise Refusal("option_count", minimum=minimum, maximum=maximum)
    cleaned, seen_labels, seen_ids = [], set(), set()
    for index, option in enumerate(options, start=1):
        if isinstance(option, str):
            option = {"label": option}
        if not isinstance(option, dict):
            raise Refusal("invalid_config", field=f"{field}[{index}]")
        label = option.get("label")
        if not isinstance(label, str) or not label.strip():
            raise Refusal("option_label_required", position=index)
        label = " ".join(label.split())
        if len(label) > MAX_LABEL:
            raise Refusal("option_label_too_long", position=index, limit=MAX_LABEL)
        if label.casefold() in seen_labels:
            raise Refusal("duplicate_option", label=label)
        option_id = option.get("id", f"o{index}")
        if not isinstance(option_id, str) or not 0 < len(option_id) <= MAX_OPTION_ID:
            raise Refusal("invalid_config", field=f"{field}[{index}].id")
        if option_id in seen_ids:
            raise Refusal("invalid_config", field=f"{field}[{index}].id")
        seen_labels.add(label.casefold())
        seen_ids.add(option_id)
        cleaned.append({"id": option_id, "label": label})
    return cleaned


def options_from_lines(text) -> list[str]:
    """Options typed one per line in a form; blank lines are dropped."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


def option_labels(config: dict, picked) -> list[str]:
    """The labels of the picked option ids (one id or a list), in the order picked."""
    labels = {option["id"]: option["label"] for option in config["options"]}
    picks = [picked] if isinstance(picked, str) else list(picked)
    return [labels.get(pick, pick) for pick in picks]


def option_ids(config: dict) -> list[str]:
    """The ids of a configuration's options, in order."""
    return [option["id"] for option in config["options"]]
