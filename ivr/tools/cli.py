"""Flask CLI commands: try the line in a terminal, check a content pack, and read the usage counts."""
import csv
import logging
import sys
from collections import Counter
from zoneinfo import ZoneInfo
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from ivr.tools.connect import connect_number_command
from ivr.web.handoff import shown
from ivr.line import line_of
from ivr.stores.insight_store import headline, steps
from ivr.tools.phone import MAX_CALL_STEPS, Phone

KEYS = set("0123456789*#")
# How the call the line puts through can end, as you choose it here (Twilio's DialCallStatus).
CALL_ENDINGS = {"a": ("completed", "answered, then the call ended"), "b": ("busy", "busy"),
                "n": ("no-answer", "no answer")}


def init_cli(app: Flask) -> None:
    app.cli.add_command(text_command)
    app.cli.add_command(call_command)
    app.cli.add_command(lint_content_command)
    app.cli.add_command(connect_number_command)
    app.cli.add_command(insight_command)
    app.cli.add_command(unanswered_command)
    app.cli.add_command(report_command)


def _session_file() -> Path:
    return Path(current_app.instance_path) / "text-conversation-language"


@click.command("text")
@click.argument("messages", nargs=-1, required=True)
@click.option("--lang", help="Start the conversation in this language (one of the pack's: en, es, ...).")
@click.option("--continue", "keep_going", is_flag=True, help="Continue the last `flask text` conversation.")
@with_appcontext
def text_command(messages, lang, keep_going):
    """Text the line: print each reply as the phone shows it, with its encoding and segments.

    Several MESSAGES are sent in order, in one conversation.
    """
    pack = line_of(current_app).pack
    if lang and lang not in pack.languages:
        raise click.BadParameter(f"must be one of {', '.join(pack.languages)}", param_hint="--lang")
    saved = _session_file()
    if keep_going and not lang and saved.exists():
        lang = saved.read_text().strip() or None
    current_app.logger.setLevel(logging.WARNING)  # the transcript, not the per-request log lines
    phone = Phone(current_app)
    for number, message in enumerate(messages):
        reply = phone.text(message, language=lang if number == 0 else None)
        if reply.text is None:
            click.echo("(no reply: the line sends nothing to this message)")
        else:
            click.echo(reply.text)
            click.echo(f"--- {reply.encoding}, {len(reply.text)} characters, {reply.segments} SMS segment(s), "
                       f"language {reply.language}")
        if number < len(messages) - 1:
            click.echo()
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(reply.language)


@click.command("call")
@with_appcontext
def call_command():
    """Call the line: hear each step, answer with a key, `say: words`, or an empty line for silence."""
    current_app.logger.setLevel(logging.WARNING)  # the transcript, not the per-request log lines
    phone = Phone(current_app)
    click.echo('Calling the line. Type a key (0-9 * #), "say: your words", or an empty line to stay silent.')
    step = phone.dial()
    for _ in range(MAX_CALL_STEPS):
        for language, words in step.spoken:
            tag = "" if language == step.speech_language or step.speech_language is None else f"({language}) "
            click.echo(f"  {tag}{words}")
        if step.ended:
            click.echo("The line hung up.")
            return
        if step.put_through_to:
            click.echo(f"  (the line connects you to {shown(step.put_through_to)})")
            choices = ", ".join(f"{key} = {label}" for key, (_, label) in CALL_ENDINGS.items())
            while (answer := _read_answer(f"how the helpline call goes ({choices})> ")) not in CALL_ENDINGS:
                if answer is None:
                    return
                click.echo(f"  (type one of {', '.join(CALL_ENDINGS)})")
            step = phone.call_ends(step, CALL_ENDINGS[answer][0])
            continue
        answer = _read_answer("key> ")
        if answer is None:
            return
        if answer.lower().startswith("say:"):
            step = phone.say(step, answer[4:].strip())
        elif answer == "":
            step = phone.wait(step)
        elif answer in KEYS:
            step = phone.press(step, answer)
        else:
            click.echo('  (type one key, "say: ...", or an empty line)')
    click.echo(f"(stopped after {MAX_CALL_STEPS} steps)")


def _read_answer(prompt: str) -> str | None:
    """One line from the caller; None at the end of input (the caller hangs up)."""
    interactive = sys.stdin.isatty()
    if interactive:
        click.echo(prompt, nl=False)
    line = sys.stdin.readline()
    if not line:
        click.echo("(you hung up)")
        return None
    answer = line.strip()
    if not interactive:  # piped input: show it, so the transcript reads as a call
        click.echo(f"> {answer or '(silence)'}")
    return answer


@click.command("lint-content")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@with_appcontext
def lint_content_command(path):
    """Check a content pack (a .toml file, or every .toml in a folder; content/ by default)."""
    from ivr.tools.lint import lint_paths

    folder = path or Path(current_app.config["CONTENT_PATH"]).parent
    paths = [path] if path and path.is_file() else sorted(folder.glob("*.toml"))
    ok = lint_paths(paths, current_app.config["EMERGENCY_NUMBER"], click.echo, Path(current_app.config["MODEL_CACHE"]))
    sys.exit(0 if ok else 1)


@click.group("insight")
def insight_command():
    """The usage counts (ivr/stores/insight_store.py): create the tables, or prune old counts."""


@insight_command.command("init")
@with_appcontext
def init_command():
    """Create the usage counts' tables in DATABASE_URL (the line also does it when it starts)."""
    store = line_of(current_app).insight.store
    store.create_schema()
    click.echo(f"counts table ready in the {store.engine.dialect.name} database")


@insight_command.command("prune")
@with_appcontext
def prune_command():
    """Delete counts older than INSIGHT_RETENTION_DAYS, and kept texts past their last day."""
    store = line_of(current_app).insight.store
    days = current_app.config["INSIGHT_RETENTION_DAYS"]
    click.echo(f"deleted {store.prune(days)} count row(s) older than {days} days")
    click.echo(f"deleted {store.forget_old_texts()} kept text(s) past their last day")


@click.command("unanswered")
@click.option("--delete-all", is_flag=True, help="Delete every kept text now, whatever its last day.")
@with_appcontext
def unanswered_command(delete_all):
    """The texts the line did not understand (kept with KEEP_UNANSWERED_DAYS), as example lines to label."""
    insight = line_of(current_app).insight
    if delete_all:
        click.echo(f"deleted {insight.store.forget_old_texts(everything=True)} kept text(s)")
        return
    rows = insight.store.kept_texts()
    if not rows:
        setting = f"{insight.keep_days} days" if insight.keep_days else "0 (off)"
        click.echo(f"No texts are kept (KEEP_UNANSWERED_DAYS here: {setting}). See docs/privacy.md, \"Texts not understood\".")
        return
    click.echo(f"# {sum(row.count for row in rows)} text(s) not understood, scrubbed, each kept until the day shown "
               "(UTC). To teach the line one, replace ? with its label")
    click.echo("# (a topic id, a not_covered id, person, crisis, suicide, extra_dose, menu or gibberish) and add the "
               "line to the pack's examples file.")
    day = None
    for row in rows:
        if row.day != day:
            day = row.day
            click.echo(f"# {day}, kept until {row.keep_until}")
        if row.count > 1:
            click.echo(f"# sent {row.count} times:")
        click.echo(f"?\t{row.language}\t{row.text}")


@click.command("report")
@click.option("--days", default=30, show_default=True, type=click.IntRange(1, 3650), help="How many days back.")
@click.option("--csv", "as_csv", is_flag=True, help="Every count per day as CSV, for a spreadsheet.")
@with_appcontext
def report_command(days, as_csv):
    """Totals per day, topic, language, channel and outcome; the not-understood rate and crises."""
    rows = line_of(current_app).insight.store.totals(days, ZoneInfo(current_app.config["REPORT_TIMEZONE"]))
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=["day", "channel", "language", "kind", "topic", "outcome", "count"])
        writer.writeheader()
        writer.writerows(rows)
        return
    figures = headline(rows)
    rows = steps(rows)
    total = sum(row["count"] for row in rows)
    click.echo(f"Usage, last {days} days ({current_app.config['REPORT_TIMEZONE']}): {total} steps")
    for title, field in (("day", "day"), ("channel", "channel"), ("language", "language"), ("topic", "topic"),
                         ("outcome", "outcome")):
        sums = Counter()
        for row in rows:
            sums[row[field] or "-"] += row["count"]
        click.echo(f"by {title}: " + (", ".join(f"{name} {number}" for name, number in sorted(sums.items())) or "none"))
    outcomes = Counter()
    for row in rows:
        outcomes[row["outcome"]] += row["count"]
    share = outcomes["not_understood"] / total if total else 0.0
    click.echo(f"not understood: {outcomes['not_understood']} ({share:.1%})")
    click.echo(f"crisis: {outcomes['crisis']}, suicide (988 named): {outcomes['suicide']}, "
               f"extra dose (Poison Control): {outcomes['extra_dose']}")
    click.echo("people: " + ", ".join(f"{name} {number}" for name, number in figures.items()))
