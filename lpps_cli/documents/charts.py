"""Small SVG charts made in Python, readable in print: horizontal (stacked) bars and a step line.

Every text is escaped; the SVG has a <title> and <desc> for screen readers, and fixed
colours that survive grey-scale printing (dark for taken, light for free).
"""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ("#1f4e79", "#9dc3e6", "#c55a11", "#70ad47")
FONT = "font-family='DejaVu Sans, Noto Sans, Arial, sans-serif'"


def _number(value: float) -> str:
    return f"{value:g}"


def bar_chart(title: str, rows: list[tuple[str, list[float]]], series: list[str], width: int = 720) -> Markup:
    """Horizontal bars, one per row, each stacked from its values (e.g. occupied + free)."""
    label_width, bar_height, gap, top = 240, 22, 8, 46
    plot = width - label_width - 70
    biggest = max((sum(values) for _, values in rows), default=0) or 1
    height = top + len(rows) * (bar_height + gap) + 30
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' {FONT} font-size='12'>",
        f"<title>{escape(title)}</title><desc>{escape(', '.join(series))}</desc>",
        f"<text x='0' y='16' font-size='15' font-weight='bold'>{escape(title)}</text>",
    ]
    for i, name in enumerate(series):  # legend
        legend_x = label_width + i * 140
        parts.append(
            f"<rect x='{legend_x}' y='26' width='12' height='12' fill='{PALETTE[i % len(PALETTE)]}' "
            f"stroke='#000' stroke-width='0.5'/><text x='{legend_x + 16}' y='37'>{escape(name)}</text>"
        )
    for row, (label, values) in enumerate(rows):
        y = top + row * (bar_height + gap)
        short = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f"<text x='{label_width - 6}' y='{y + 15}' text-anchor='end'><title>{escape(label)}</title>"
            f"{escape(short)}</text>"
        )
        x = float(label_width)
        for i, value in enumerate(values):
            w = plot * value / biggest
            if w > 0:
                parts.append(
                    f"<rect x='{x:.1f}' y='{y}' width='{w:.1f}' height='{bar_height}' "
                    f"fill='{PALETTE[i % len(PALETTE)]}' stroke='#000' stroke-width='0.5'/>"
                )
            x += w
        parts.append(f"<text x='{x + 4:.1f}' y='{y + 15}'>{escape(' / '.join(_number(v) for v in values))}</text>")
    parts.append("</svg>")
    return Markup("".join(parts))


def step_chart(title: str, points: list[tuple[str, float]], width: int = 720, height: int = 280) -> Markup:
    """A step line over dates (ISO strings, sorted): how a count grew over time."""
    left, right, top, bottom = 50, 20, 40, 40
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width}' height='{height}' "
        f"viewBox='0 0 {width} {height}' {FONT} font-size='12'>",
        f"<title>{escape(title)}</title>",
        f"<text x='0' y='16' font-size='15' font-weight='bold'>{escape(title)}</text>",
    ]
    if points:
        import datetime as dt

        days = [dt.date.fromisoformat(d).toordinal() for d, _ in points]
        first, last = days[0], max(days[-1], days[0] + 1)
        top_value = max(v for _, v in points) or 1
        sx = lambda day: left + (width - left - right) * (day - first) / (last - first)  # noqa: E731
        sy = lambda v: height - bottom - (height - top - bottom) * v / top_value  # noqa: E731
        path, previous = [], None
        for day, (_, value) in zip(days, points):
            if previous is not None:
                path.append(f"L{sx(day):.1f},{sy(previous):.1f}")
            path.append(f"{'M' if previous is None else 'L'}{sx(day):.1f},{sy(value):.1f}")
            previous = value
        parts.append(
            f"<line x1='{left}' y1='{height - bottom}' x2='{width - right}' y2='{height - bottom}' stroke='#000'/>"
            f"<line x1='{left}' y1='{top}' x2='{left}' y2='{height - bottom}' stroke='#000'/>"
        )
        for value in sorted({0, top_value, round(top_value / 2)}):
            parts.append(
                f"<text x='{left - 6}' y='{sy(value) + 4:.1f}' text-anchor='end'>{_number(value)}</text>"
                f"<line x1='{left}' y1='{sy(value):.1f}' x2='{width - right}' y2='{sy(value):.1f}' "
                "stroke='#bbb' stroke-dasharray='3,3'/>"
            )
        parts.append(f"<path d='{' '.join(path)}' fill='none' stroke='{PALETTE[0]}' stroke-width='3'/>")
        for day, (date, value), anchor in ((days[0], points[0], "start"), (days[-1], points[-1], "end")):
            parts.append(
                f"<circle cx='{sx(day):.1f}' cy='{sy(value):.1f}' r='4' fill='{PALETTE[2]}'/>"
                f"<text x='{sx(day):.1f}' y='{height - bottom + 16}' text-anchor='{anchor}'>{escape(date)}</text>"
                f"<text x='{sx(day):.1f}' y='{sy(value) - 8:.1f}' text-anchor='middle' "
                f"font-weight='bold'>{_number(value)}</text>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
