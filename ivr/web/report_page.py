"""GET /report: the usage counts as charts, for the team that runs the line.

Off (404) unless REPORT_PASSWORD is set, in every environment; then behind HTTP basic
auth. The charts are SVG drawn here: nothing is loaded from another site. Every day of the
range is drawn, days with nothing included, in REPORT_TIMEZONE; each chart has a title, a
description and its figures as a table; /report/figures.csv gives the same figures.
"""
import csv
import io
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, Response, abort, current_app, render_template
from markupsafe import Markup, escape

from ivr.line import line_of
from ivr.stores.insight_store import headline, steps
from ivr.web.team_password import unless_password_given

bp = Blueprint("report_page", __name__, url_prefix="/report")

DAYS = 30
CHANNEL_COLOURS = {"sms": "#2563eb", "voice": "#16a34a", "whatsapp": "#9333ea"}
SHARE_COLOURS = {"not understood": "#dc2626", "not covered": "#d97706"}
# The drawing's own units: 400 wide with 14-unit text is 11.5 px text on a 360 px phone (328 px drawn).
WIDTH, FONT, BAR, GAP, LABELS = 400, 14, 17, 6, 160


@bp.before_request
def only_with_the_password():
    password = current_app.config["REPORT_PASSWORD"]
    if not password:
        abort(404)
    return unless_password_given(password, "the line's report")


def _rows() -> tuple[list[str], list[dict]]:
    """Every day of the range in REPORT_TIMEZONE, oldest first, and the counts per day."""
    zone = ZoneInfo(current_app.config["REPORT_TIMEZONE"])
    today = datetime.now(zone).date()
    days = [(today - timedelta(days=back)).isoformat() for back in range(DAYS - 1, -1, -1)]
    return days, line_of(current_app).insight.store.totals(DAYS, zone)


@bp.get("")
def page():
    line = line_of(current_app)
    days, everything = _rows()
    figures, rows = headline(everything), steps(everything)
    english = line.pack.languages[line.pack.default_language]
    per_day = defaultdict(Counter)  # day -> channel -> count
    outcomes = defaultdict(Counter)  # day -> outcome -> count
    topics, subjects, languages = Counter(), Counter(), Counter()
    for row in rows:
        per_day[row["day"]][row["channel"]] += row["count"]
        outcomes[row["day"]][row["outcome"]] += row["count"]
        languages[row["language"]] += row["count"]
        if row["kind"] == "topic" and row["outcome"] == "answered":  # a topic no longer in the pack: its id
            topics[english.by_id[row["topic"]].title if row["topic"] in english.by_id else row["topic"]] += row["count"]
        elif row["kind"] == "not_covered" and row["outcome"] == "not_covered":
            subject = english.not_covered.get(row["topic"])
            subjects[subject.title if subject else row["topic"]] += row["count"]
    shares = {label: [round(100 * outcomes[day][outcome] / max(sum(outcomes[day].values()), 1)) for day in days]
              for label, outcome in (("not understood", "not_understood"), ("not covered", "not_covered"))}
    channels = {channel: [per_day[day][channel] for day in days] for channel in CHANNEL_COLOURS}
    charts = [
        day_columns("Steps per day, by channel", "Each text, key press, silence or spoken question is one step.",
                    days, channels, CHANNEL_COLOURS, stacked=True),
        day_columns("Not understood and not covered, % of the day's steps",
                    "For each day, side by side: the share of steps not understood, and of questions the fact sheet "
                    "does not answer.", days, shares, SHARE_COLOURS, stacked=False, unit="%"),
        bars("Topics asked", "Questions answered from the fact sheet, by topic.", topics.most_common()),
        bars("Questions the fact sheet does not answer", "Questions referred elsewhere, by subject.",
             subjects.most_common()),
        bars("Languages", "Steps by the language of the conversation or call.", languages.most_common()),
    ]
    total = sum(row["count"] for row in rows)
    return render_template("report.html", charts=charts, total=total, days=DAYS, figures=figures,
                           zone=current_app.config["REPORT_TIMEZONE"],
                           crises=figures["emergency and 988 replies"], extra_doses=figures["Poison Control (extra dose)"],
                           keep_days=line.insight.keep_days, kept=line.insight.store.kept_count())


@bp.get("/figures.csv")
def as_csv():
    days, rows = _rows()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["day", "channel", "language", "kind", "topic", "outcome", "count"])
    writer.writeheader()
    writer.writerows(rows)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=line-report-{days[-1]}.csv"})


def _figure(title: str, description: str, drawing: str, table_head: list[str], table: list[list]) -> Markup:
    """A chart with its title and description for a screen reader, and its figures as a table."""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in table_head)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table)
    return Markup(f"<section><h2>{escape(title)}</h2>{drawing}<details><summary>Figures</summary>"
                  f"<table><tr>{head}</tr>{body}</table></details></section>")


def _svg(height: int, title: str, description: str) -> str:
    return (f'<svg viewBox="0 0 {WIDTH} {height}" role="img" font-size="{FONT}">'
            f"<title>{escape(title)}</title><desc>{escape(description)}</desc>")


def bars(title: str, description: str, items: list[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per label, longest first."""
    if not items:
        return _figure(title, description, "<p class=empty>None yet.</p>", ["", "count"], [])
    top = max(value for _, value in items)
    height = len(items) * (BAR + GAP)
    parts = [_svg(height, title, description)]
    for index, (label, value) in enumerate(items):
        y = index * (BAR + GAP)
        length = max(1, round((WIDTH - LABELS - 40) * value / top))
        short = label if len(label) <= 22 else label[:21] + "…"
        parts.append(f'<text x="0" y="{y + BAR - 3}">{escape(short)}</text>'
                     f'<rect x="{LABELS}" y="{y}" width="{length}" height="{BAR}" fill="#2563eb"/>'
                     f'<text x="{LABELS + 4 + length}" y="{y + BAR - 3}">{value}</text>')
    return _figure(title, description, "".join(parts) + "</svg>", ["", "count"], [list(item) for item in items])


def day_columns(title: str, description: str, days: list[str], series: dict[str, list[float]],
                colours: dict[str, str], stacked: bool, unit: str = "") -> Markup:
    """A column per day, every day of the range: the series stacked, or side by side; three
    gridlines with their values, the first, middle and last days named, and a legend."""
    height, base, left = 190, 150, 34
    top = max((sum(values) for values in zip(*series.values())) if stacked else
              (max(values) for values in series.values()), default=0) or 1
    slot = (WIDTH - left) / len(days)
    width = slot * 0.8 / (1 if stacked else len(series))
    parts = [_svg(height, title, description)]
    for share in (0, 0.5, 1):  # gridlines
        y = base - (base - 10) * share
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" stroke="#ccc"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{top * share:.0f}{unit}</text>')
    for index, day in enumerate(days):
        x, below = left + index * slot + slot * 0.1, base
        for number, (name, values) in enumerate(series.items()):
            size = (base - 10) * values[index] / top
            edge = x if stacked else x + number * width
            parts.append(f'<rect x="{edge:.1f}" y="{(below if stacked else base) - size:.1f}" width="{width:.1f}" '
                         f'height="{size:.1f}" fill="{colours[name]}"><title>{escape(day)} {escape(name)}: '
                         f'{values[index]:.0f}{unit}</title></rect>')
            if stacked:
                below -= size
    for index, anchor in ((0, "start"), (len(days) // 2, "middle"), (len(days) - 1, "end")):
        x = left + index * slot + (slot if anchor == "end" else slot / 2 if anchor == "middle" else 0)
        parts.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="{anchor}">{escape(days[index])}</text>')
    for number, name in enumerate(series):
        parts.append(f'<rect x="{left + number * 130}" y="{height - 14}" width="12" height="12" '
                     f'fill="{colours[name]}"/><text x="{left + 16 + number * 130}" y="{height - 3}">'
                     f'{escape(name)}</text>')
    table = [[day, *(f"{values[index]:.0f}{unit}" for values in series.values())] for index, day in enumerate(days)]
    return _figure(title, description, "".join(parts) + "</svg>", ["day", *series], table)
