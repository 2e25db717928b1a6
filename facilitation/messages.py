"""Readable, translated messages for every refusal code.

The codes are part of the protocol (docs/protocol.md); the texts are looked up
in the language of the request or socket connection that caused them.
"""

from flask_babel import gettext


def N_(text: str) -> str:
    """Mark ``text`` for extraction into the catalogs without translating it yet."""
    return text


MESSAGES = {
    "internal_error": N_("Something went wrong on our side. Please try again."),
    "invalid_payload": N_("The request was not understood (%(field)s)."),
    "unknown_event": N_("This action is not known."),
    "not_connected": N_("You are not connected to a workshop. Please reload the page."),
    "not_joined": N_("Please join the workshop first."),
    "invalid_role": N_("Connect as participant, presenter, moderator or screen."),
    "invalid_token": N_("This link is not valid for this workshop."),
    "presenter_only": N_("Only the presenter can do this."),
    "participant_only": N_("Only participants can do this."),
    "unknown_workshop": N_("There is no workshop with this code. Please check it and try again."),
    "unknown_item": N_("This activity is not on the agenda."),
    "unknown_kind": N_("This kind of activity is not known."),
    "unknown_option": N_("This option is not part of the poll."),
    "invalid_answer": N_("This answer does not fit the poll."),
    "invalid_name": N_("Please use plain text for your name."),
    "name_too_long": N_("Names can have at most %(limit)s characters."),
    "title_required": N_("Please give a title."),
    "title_too_long": N_("Titles can have at most %(limit)s characters."),
    "invalid_minutes": N_("Planned minutes must be a whole number from 0 to %(limit)s."),
    "notes_too_long": N_("Speaker notes can have at most %(limit)s characters."),
    "timer_needs_minutes": N_("A countdown needs planned minutes."),
    "auto_close_needs_poll": N_("Only polls can close by themselves."),
    "invalid_config": N_("The setting “%(field)s” is not valid."),
    "unknown_field": N_("“%(field)s” is not a known field."),
    "invalid_date": N_("Please give the date as YYYY-MM-DD, e.g. 2027-03-18."),
    "invalid_time": N_("Please give the time as HH:MM, e.g. 09:30."),
    "invalid_order": N_("The new order must name every activity of the agenda once."),
    "too_long": N_("“%(field)s” can have at most %(limit)s characters."),
    "option_count": N_("A poll needs between %(minimum)s and %(maximum)s options."),
    "option_label_required": N_("Option %(position)s needs a text."),
    "option_label_too_long": N_("Option %(position)s can have at most %(limit)s characters."),
    "duplicate_option": N_("The option “%(label)s” appears twice."),
    "not_answerable": N_("This activity takes no answers."),
    "not_current": N_("This activity is no longer active."),
    "poll_closed": N_("This poll is closed, so your vote was not counted."),
    "not_open": N_("This activity is not open yet."),
    "not_closed": N_("This activity is not closed."),
    "out_of_range": N_("“%(field)s” must be a whole number from %(minimum)s to %(maximum)s."),
    "field_required": N_("Please fill in “%(field)s”."),
    "not_changeable": N_("This poll takes one answer per person; yours is already counted."),
    "unknown_answer": N_("This answer is not part of the poll."),
    "not_pending": N_("Only activities that have not started yet can be changed or deleted."),
    "at_end": N_("This is the last item of the agenda."),
    "at_start": N_("This is the first item of the agenda."),
    "workshop_ended": N_("This workshop has ended."),
    "invalid_plan": N_("Please choose how to win the time back: shorten or drop."),
    "not_replannable": N_("Only an activity that has not started yet can be dropped."),
    "on_time": N_("The workshop is on time; there is nothing to win back."),
    "nothing_to_shorten": N_("The activities still to come cannot be shortened any further."),
    "not_dropped": N_("This activity is on the agenda."),
    "already_live": N_("People have joined this workshop, so it can no longer be rehearsed."),
    "not_rehearsing": N_("This workshop is not being rehearsed."),
    "too_many_simulated": N_("A rehearsal can have at most %(maximum)s simulated participants."),
    "rehearsal_over": N_("The rehearsal is over. To take part in the workshop, please join again."),
    # -- organizers
    "wrong_sign_in": N_("This e-mail and password do not match an account."),
    "invalid_email": N_("Please give a valid e-mail address."),
    "organizer_exists": N_("An organizer with this e-mail already exists."),
    "password_too_short": N_("Please choose a password of at least %(minimum)s characters."),
    "passwords_differ": N_("The two passwords are not the same."),
    "owner_only": N_("Only the workshop's owner can do this."),
    "unknown_organizer": N_("There is no organizer with this e-mail on this instance."),
    "share_with_self": N_("You already organize this workshop."),
    "cannot_move": N_("This activity cannot move further."),
    "file_required": N_("Please choose an agenda file."),
    "workshop_deleted": N_("This workshop was deleted. Thank you for taking part."),
    "key_rotated": N_("This link was replaced by a new one. Please ask the organizer for it."),
    # -- series of workshops
    "series_title_required": N_("Please give the series a name."),
    "series_title_too_long": N_("Series names can have at most %(limit)s characters."),
    "unknown_series": N_("This is not one of your series. Please choose one from the list."),
    # -- kind: multiple_choice, quiz
    "too_many_choices": N_("Please choose at most %(maximum)s of the options."),
    "too_few_choices": N_("Please choose at least %(minimum)s of the options."),
    "correct_required": N_("Mark at least one option as correct."),
    # -- kind: rating, word_cloud
    "too_many_entries": N_("Please send at most %(maximum)s words or short phrases."),
    "entry_too_long": N_("Each word or phrase can have at most %(limit)s characters."),
    "entry_required": N_("Please enter at least one word or short phrase."),
    # -- kind: open_text
    "answer_required": N_("Please write your answer first."),
    "answer_too_long": N_("Answers can have at most %(limit)s characters."),
    # -- kind: commitment
    "step_required": N_("Please write your next step first."),
    "step_too_long": N_("Your step can have at most %(limit)s characters."),
    # -- kind: ranking, points
    "ranking_order": N_("Please put all %(count)s options in order, each exactly once."),
    "points_total": N_(
        "Please give exactly %(total)s points in all; your answer adds up to %(sum)s."
    ),
    "points_range": N_("“%(label)s” can get from 0 to %(maximum)s points."),
    # -- kind: grid
    "axis_range": N_(
        "The scale “%(axis)s” must reach from %(minimum)s to %(maximum)s steps"
        " from its lowest to its highest value."
    ),
    # -- question board
    "board_closed": N_("Asking questions is closed right now."),
    "question_required": N_("Please write your question first."),
    "question_too_long": N_("Questions can have at most %(limit)s characters."),
    "invalid_question": N_("Please use plain text for your question."),
    "rate_limited": N_(
        "You are doing this very often. Please wait %(seconds)s seconds and try again."
    ),
    "not_word_cloud": N_("This activity is not a word cloud."),
    "storage_unavailable": N_("Your answer could not be saved right now; please try again."),
    "unknown_question": N_("This question is not on the board (any more)."),
    "own_question": N_("You cannot upvote your own question."),
    "question_not_public": N_(
        "Only questions on the board can be pinned or marked as answered. Approve it first."
    ),
    # -- breakouts
    "prompt_count": N_("A breakout needs between %(minimum)s and %(maximum)s questions."),
    "duplicate_prompt": N_("Question %(position)s appears twice."),
    "group_count": N_("Offer between %(minimum)s and %(maximum)s groups to choose from."),
    "duplicate_group": N_("The group name “%(name)s” appears twice."),
    "not_breakout": N_("This activity is not a breakout."),
    "breakout_started": N_("The groups of this breakout have already been formed."),
    "breakout_not_started": N_("The breakout has not started yet."),
    "breakout_not_running": N_("The breakout round is not running."),
    "nobody_online": N_("Nobody is online yet, so no groups can be formed."),
    "no_previous_groups": N_("There is no earlier breakout whose groups could be used again."),
    "unknown_group": N_("This group is not part of the breakout."),
    "group_full": N_("The group “%(name)s” is full. Please choose another one."),
    "not_choosing": N_("In this breakout the groups are assigned, not chosen."),
    "unknown_participant": N_("There is no participant with this number."),
    "no_group": N_("You are not in a group yet."),
    "unknown_prompt": N_("This question is not part of the breakout."),
    "unknown_card": N_("This card is not on your group's board (any more)."),
    "not_your_card": N_("You can only change or delete your own cards."),
    "too_many_cards": N_("You can add at most %(limit)s cards in one round."),
    "text_required": N_("Please write something first."),
    "text_too_long": N_("This text can have at most %(limit)s characters."),
    "invalid_text": N_("Please use plain text."),
    "notes_off": N_("Private notes are switched off for this breakout."),
    "unknown_call": N_("This call is not in the queue."),
    "call_closed": N_("This call is no longer open: it was handled, withdrawn or the round ended."),
    "video_link_placeholder": N_(
        "The video link can only contain the placeholders {workshop} and {group},"
        " not %(placeholder)s."
    ),
    "video_link_invalid": N_("The video link must be a web address starting with https://."),
    # -- the Kaizen check
    "invalid_check_in_status": N_("Please choose: done, partly or not yet."),
    "learned_too_long": N_("Please keep what you learned to at most %(limit)s characters."),
    "invalid_learned": N_("Please use plain text for what you learned."),
    # -- agenda files and templates
    "yaml_syntax": N_("This is not valid YAML (%(problem)s)."),
    "json_syntax": N_("This is not valid JSON."),
    "file_encoding": N_("The file must be plain text in UTF-8."),
    "duplicate_key": N_("“%(key)s” appears twice."),
    "unknown_template": N_("There is no template with this name."),
}


# How configuration fields are called in messages; composite names such as
# "x.maximum" or "options[3].id" are read part by part.
FIELD_LABELS = {
    "value": N_("Your answer"),
    "title": N_("Title or question"),
    "minutes": N_("Planned minutes"),
    "options": N_("Options"),
    "id": N_("Id"),
    "label": N_("Label"),
    "results": N_("Who sees the results"),
    "changeable": N_("Participants may change their answer"),
    "notes": N_("Speaker notes"),
    "countdown": N_("Countdown"),
    "auto_close": N_("Close automatically when the time is up"),
    "body": N_("Text"),
    "correct": N_("Correct options"),
    "multiple": N_("How many options people may pick"),
    "min_choices": N_("Fewest options a person picks"),
    "max_choices": N_("Most options a person picks"),
    "max_entries": N_("Entries per person"),
    "max_length": N_("Longest answer"),
    "placeholder": N_("Hint in the answer field"),
    "minimum": N_("Lowest value"),
    "maximum": N_("Highest value"),
    "low_label": N_("Label of the low end"),
    "high_label": N_("Label of the high end"),
    "total": N_("Points to spread"),
    "items": N_("Items"),
    "x": N_("Horizontal axis"),
    "y": N_("Vertical axis"),
    "anonymity_threshold": N_("Anonymity threshold"),
    "language": N_("Language"),
    "prompts": N_("Question"),
    "duration": N_("Minutes for the round"),
    "grouping": N_("Groups"),
    "grouping_mode": N_("How groups are formed"),
    "group_size": N_("People per group"),
    "group_count": N_("Number of groups"),
    "group_names": N_("Group names"),
    "group_capacity": N_("Places per group"),
    "private_notes": N_("Private notes"),
    "extension": N_("Extra minutes"),
    "video_link": N_("Video room link"),
    "workshop": N_("Workshop"),
    "planned_date": N_("Planned date"),
    "planned_start": N_("Planned start"),
    "planned_minutes": N_("Planned length in minutes"),
    "retention_days": N_("Days the answers are kept"),
}


def field_label(field) -> str:
    """The translated, readable name of a configuration field (unknown names stay as they are)."""
    parts = []
    for part in str(field).split("."):
        name, _, index = part.partition("[")
        if name not in FIELD_LABELS:
            return str(field)
        label = gettext(FIELD_LABELS[name])
        parts.append(f"{label} {index.rstrip(']')}" if index else label)
    return ": ".join(parts)


def problem(code: str, **params) -> dict:
    """Return ``{"code", "message"}`` for a refusal, translated for the current request."""
    text = MESSAGES.get(code)
    if text is None:
        code, text, params = "internal_error", MESSAGES["internal_error"], {}
    if "field" in params:
        params = {**params, "field": field_label(params["field"])}
    try:
        message = gettext(text, **params)
    except (KeyError, ValueError, TypeError):
        message = gettext(MESSAGES["internal_error"])
    return {"code": code, "message": message}


# PyYAML's words for the syntax errors people make most often, said in their terms;
# other problems are shown as PyYAML words them.
YAML_PROBLEMS = {
    "mapping values are not allowed here": N_(
        "a colon followed by a space only works in quoted text, e.g. 'Check-in: how are you?'"
    ),
    "found character '\\t' that cannot start any token": N_("please indent with spaces, not tabs"),
    "expected <block end>, but found '<block mapping start>'": N_(
        "this line is indented differently from the lines it belongs to"
    ),
    "found unexpected end of stream": N_("the file ends before a quote or bracket is closed"),
    "nested too deeply": N_("lists and mappings are nested too deeply"),
}


def problem_in_file(refusal) -> str:
    """The translated message for a refusal about an agenda file, saying where it is.

    Syntax errors start with their line and column ("Line 4, column 7: …"),
    content errors with the activity they are in ("Activity 3: …").
    """
    params = refusal.params
    if refusal.code == "yaml_syntax" and params.get("problem") in YAML_PROBLEMS:
        params = {**params, "problem": gettext(YAML_PROBLEMS[params["problem"]])}
    message = problem(refusal.code, **params)["message"]
    line, column = refusal.params.get("line"), refusal.params.get("column")
    if line is not None and column is not None:
        return gettext(
            "Line %(line)s, column %(column)s: %(message)s",
            **{"line": line, "column": column, "message": message},
        )
    if refusal.params.get("item") is not None:
        return gettext(
            "Activity %(item)s: %(message)s", item=refusal.params["item"], message=message
        )
    return message
