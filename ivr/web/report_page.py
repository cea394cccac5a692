"""GET /report: the usage counts as charts, for the team that runs the line.

Off (404) unless REPORT_PASSWORD is set, in every environment; then behind HTTP basic
auth. The charts are SVG drawn here: nothing is loaded from another site.
"""
from collections import Counter, defaultdict

from flask import Blueprint, abort, current_app, render_template
from markupsafe import Markup, escape

from ivr.line import line_of
from ivr.web.team_password import unless_password_given

bp = Blueprint("report_page", __name__, url_prefix="/report")

DAYS = 30
CHANNEL_COLOURS = {"sms": "#2563eb", "voice": "#16a34a", "whatsapp": "#9333ea"}
SHARE_COLOURS = {"not understood": "#dc2626", "not covered": "#d97706"}
WIDTH, BAR, GAP = 640, 18, 6


@bp.before_request
def only_with_the_password():
    password = current_app.config["REPORT_PASSWORD"]
    if not password:
        abort(404)
    return unless_password_given(password, "the line's report")


@bp.get("")
def page():
    insight = line_of(current_app).insight
    rows = insight.store.totals(DAYS)
    days = sorted({row["day"] for row in rows})
    per_day = defaultdict(Counter)  # day -> channel -> count
    outcomes = defaultdict(Counter)  # day -> outcome -> count
    topics, languages = Counter(), Counter()
    for row in rows:
        per_day[row["day"]][row["channel"]] += row["count"]
        outcomes[row["day"]][row["outcome"]] += row["count"]
        languages[row["language"]] += row["count"]
        if row["topic"]:
            topics[row["topic"]] += row["count"]
    shares = {label: [100 * outcomes[day][outcome] / max(sum(outcomes[day].values()), 1) for day in days]
              for label, outcome in (("not understood", "not_understood"), ("not covered", "not_covered"))}
    charts = [
        ("Answers per day, by channel", day_columns(days, {c: [per_day[d][c] for d in days] for c in CHANNEL_COLOURS},
                                                    CHANNEL_COLOURS, stacked=True)),
        ("Topics asked", bars(topics.most_common())),
        ("Not understood and not covered, % of the day's answers", day_columns(days, shares, SHARE_COLOURS,
                                                                                stacked=False, unit="%")),
        ("Languages", bars(languages.most_common())),
    ]
    total = sum(row["count"] for row in rows)
    return render_template("report.html", charts=charts, total=total, days=DAYS,
                           crises=sum(o["crisis"] + o["suicide"] for o in outcomes.values()),
                           extra_doses=sum(o["extra_dose"] for o in outcomes.values()),
                           keep_days=insight.keep_days, kept=insight.store.kept_count())


def bars(items: list[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per label, longest first."""
    if not items:
        return Markup("<p class=empty>No counts yet.</p>")
    top = max(value for _, value in items)
    height = len(items) * (BAR + GAP)
    parts = [f'<svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img">']
    for index, (label, value) in enumerate(items):
        y = index * (BAR + GAP)
        length = max(1, round((WIDTH - 260) * value / top))
        parts.append(f'<text x="0" y="{y + BAR - 4}">{escape(label)}</text>'
                     f'<rect x="180" y="{y}" width="{length}" height="{BAR}" fill="#2563eb"/>'
                     f'<text x="{186 + length}" y="{y + BAR - 4}">{value}</text>')
    return Markup("".join(parts) + "</svg>")


def day_columns(days: list[str], series: dict[str, list[float]], colours: dict[str, str], stacked: bool,
                unit: str = "") -> Markup:
    """A column per day: the series stacked, or side by side; a legend under it."""
    if not days:
        return Markup("<p class=empty>No counts yet.</p>")
    height, base = 200, 180
    top = max((sum(values) for values in zip(*series.values())) if stacked else
              (max(values) for values in series.values()), default=0) or 1
    slot = (WIDTH - 40) / len(days)
    width = max(2.0, slot * 0.8 / (1 if stacked else len(series)))
    parts = [f'<svg viewBox="0 0 {WIDTH} {height + 24}" width="{WIDTH}" height="{height + 24}" role="img">',
             f'<text x="0" y="12">{top:.0f}{unit}</text><line x1="40" y1="{base}" x2="{WIDTH}" y2="{base}" '
             f'stroke="#999"/>']
    for index, day in enumerate(days):
        x, below = 40 + index * slot, base
        for number, (name, values) in enumerate(series.items()):
            size = (base - 20) * values[index] / top
            left = x if stacked else x + number * width
            top_edge = below - size if stacked else base - size
            parts.append(f'<rect x="{left:.1f}" y="{top_edge:.1f}" width="{width:.1f}" height="{size:.1f}" '
                         f'fill="{colours[name]}"><title>{escape(day)} {escape(name)}: {values[index]:.0f}{unit}'
                         f'</title></rect>')
            if stacked:
                below -= size
    parts.append(f'<text x="40" y="{base + 14}">{escape(days[0])}</text>'
                 f'<text x="{WIDTH}" y="{base + 14}" text-anchor="end">{escape(days[-1])}</text>')
    for number, name in enumerate(series):
        parts.append(f'<rect x="{40 + number * 150}" y="{height + 8}" width="12" height="12" fill="{colours[name]}"/>'
                     f'<text x="{56 + number * 150}" y="{height + 19}">{escape(name)}</text>')
    return Markup("".join(parts) + "</svg>")
