"""The weekly chart, drawn on the server as inline SVG: no JavaScript, nothing fetched.

Two bars a week (claims opened, claims published) on one scale, with gridlines, the week's
first day under each pair and the figures in each bar's tooltip (<title>), so the picture
reads without a script and a screen reader gets the numbers.
"""

import math
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reviews.dashboard.queries import WeekCount

WIDTH, HEIGHT = 760, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 30, 66
OPENED_COLOUR = "#417690"  # the admin's own blue
PUBLISHED_COLOUR = "#70bf2b"  # the admin's success green


def nice_ceiling(value: int) -> int:
    """The top of the scale: the smallest 1, 2 or 5 times a power of ten at least `value`."""
    if value <= 5:
        return 5
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


def weekly_chart_svg(weeks: Sequence[WeekCount]) -> SafeString:
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    top = nice_ceiling(max([w.opened for w in weeks] + [w.published for w in weeks] + [0]))
    slot = plot_width / max(len(weeks), 1)
    bar = slot * 0.34

    def y(value: int) -> float:
        return TOP + plot_height - plot_height * value / top

    title = _("Claims opened and published per week")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="weekly-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="weekly-chart-title">',
        f'<title id="weekly-chart-title">{escape(title)}</title>',
        '<g font-family="sans-serif" font-size="11" fill="#666">',
    ]
    for i in range(6):
        value = top * i // 5  # a 1, 2 or 5 step: whole numbers
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{value}</text>'
        )
    for index, week in enumerate(weeks):
        x = LEFT + slot * index + slot / 2
        label = escape(date_format(week.week_start, "j E"))
        for kind, offset, count, colour, name in (
            ("opened", -bar - 1, week.opened, OPENED_COLOUR, _("opened")),
            ("published", 1, week.published, PUBLISHED_COLOUR, _("published")),
        ):
            parts.append(
                f'<rect class="bar-{kind}" '
                f'x="{x + offset:.1f}" y="{y(count):.1f}" width="{bar:.1f}" '
                f'height="{y(0) - y(count):.1f}" fill="{colour}">'
                f"<title>{label}: {escape(name)} {count}</title></rect>"
            )
            if count:
                parts.append(
                    f'<text x="{x + offset + bar / 2:.1f}" y="{y(count) - 3:.1f}" text-anchor="middle" '
                    f'font-size="10">{count}</text>'
                )
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="end" '
            f'transform="rotate(-35 {x:.1f} {HEIGHT - BOTTOM + 14})">{label}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(0):.1f}" y2="{y(0):.1f}" stroke="#999" stroke-width="1"/>'
    )
    legend_y = 14
    for offset, colour, name in (
        (0, OPENED_COLOUR, _("Claims opened")),
        (180, PUBLISHED_COLOUR, _("Claims published")),
    ):
        parts.append(
            f'<rect x="{LEFT + offset}" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{LEFT + offset + 14}" y="{legend_y}" fill="#333">{escape(name)}</text>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text in it is escaped above)
