"""Server-rendered SVG charts: horizontal bars (by unit) and lines (by month).

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` that states every
number in words, and it prints the numbers as text beside the marks, so the figures survive
without colour, without CSS and in a screen reader. Pages show the table behind each chart
too. Only presentation attributes are used (the CSP forbids style attributes).
"""

import zlib
from dataclasses import dataclass

from markupsafe import Markup, escape

BAR_COLOUR = "#0b4a8b"
LINE_COLOURS = ("#0b4a8b", "#b3261e", "#1e6b34", "#9a6700")
INK = "#1b1f24"
GRID = "#cfd6de"
FONT = 'font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"'


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def format_number(value: float | None, suffix: str = "") -> str:
    if value is None:
        return "无数据"
    text = f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"
    return f"{text}{suffix}"


def _chart_id(title: str) -> str:
    return f"chart-{zlib.crc32(title.encode('utf-8')):08x}"


def bar_chart(
    title: str,
    labels: list[str],
    values: list[float | None],
    *,
    suffix: str = "",
    maximum: float | None = None,
) -> Markup:
    """Horizontal bars, one row per label, the value printed after each bar."""
    # narrow enough that a 360 px phone shows the text at three quarters of its size
    label_width, bar_width, row_height, top = 110, 240, 32, 10
    numbers = [value for value in values if value is not None]
    scale_max = maximum or max(numbers, default=0) or 1
    height = top * 2 + row_height * len(labels)
    width = label_width + bar_width + 80
    chart_id = _chart_id(title)
    described = "；".join(
        f"{label}：{format_number(value, suffix)}"
        for label, value in zip(labels, values, strict=True)
    )
    parts = [
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
    ]
    for row, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * row_height
        length = 0 if value is None else max(1.0, bar_width * value / scale_max)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 22}" text-anchor="end" font-size="17" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 6}" width="{length:.1f}" height="22" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + 22}" font-size="17" '
            f'fill="{INK}">{escape(format_number(value, suffix))}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(
    title: str,
    labels: list[str],
    series: list[Series],
    *,
    suffix: str = "",
    maximum: float | None = None,
) -> Markup:
    """One line per series over the labels (months), each point's value printed above it."""
    left, right, bottom, plot_height = 50, 20, 60, 240
    top = 20 + 15 * (len(series) - 1)  # room for labels pushed apart
    step = 64
    width = left + right + step * max(len(labels) - 1, 1)
    height = top + plot_height + bottom
    numbers = [value for line in series for value in line.values if value is not None]
    scale_max = maximum or max(numbers, default=0) or 1
    chart_id = _chart_id(title)

    def x_of(index: int) -> float:
        return left + step * index

    def y_of(value: float) -> float:
        return top + plot_height - plot_height * value / scale_max

    described = "。".join(
        f"{line.name}："
        + "，".join(
            f"{label} {format_number(value, suffix)}"
            for label, value in zip(labels, line.values, strict=True)
        )
        for line in series
    )
    parts = [
        f'<svg class="chart chart--line" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width + 40} {height}" xmlns="http://www.w3.org/2000/svg" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(described)}</desc>',
        f'<line x1="{left}" y1="{top + plot_height}" x2="{width}" y2="{top + plot_height}" '
        f'stroke="{GRID}"/>',
    ]
    for index, label in enumerate(labels):
        parts.append(
            f'<text x="{x_of(index)}" y="{top + plot_height + 24}" text-anchor="middle" '
            f'font-size="14" fill="{INK}">{escape(label)}</text>'
        )
    for number, line in enumerate(series):
        colour = LINE_COLOURS[number % len(LINE_COLOURS)]
        points = [(x_of(i), y_of(v)) for i, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"/>'
            )
        for index, value in enumerate(line.values):
            if value is None:
                continue
            x, y = x_of(index), y_of(value)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>')
    parts.extend(_point_labels(series, labels, x_of, y_of, suffix))
    if len(series) > 1:
        for number, line in enumerate(series):
            colour = LINE_COLOURS[number % len(LINE_COLOURS)]
            x = left + number * 150
            parts.append(
                f'<rect x="{x}" y="{height - 18}" width="14" height="14" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{x + 20}" y="{height - 6}" font-size="14" '
                f'fill="{INK}">{escape(line.name)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _point_labels(series, labels, x_of, y_of, suffix) -> list[str]:
    """Each point's value above it; at one month, labels of several lines are pushed apart
    (in the line's colour) and equal values are written once, so that no number overprints
    another."""
    label_gap = 15
    parts = []
    for index in range(len(labels)):
        points = {}
        for number, line in enumerate(series):
            value = line.values[index]
            if value is None:
                continue
            text = format_number(value, suffix)
            if text in points:
                points[text] = (points[text][0], INK)  # shared by several lines
            else:
                points[text] = (y_of(value) - 9, LINE_COLOURS[number % len(LINE_COLOURS)])
        if len(series) == 1:
            points = {text: (y, INK) for text, (y, _) in points.items()}
        placed: list[float] = []
        for text, (y, colour) in sorted(points.items(), key=lambda item: -item[1][0]):
            if placed and y > placed[-1] - label_gap:
                y = placed[-1] - label_gap
            placed.append(y)
            parts.append(
                f'<text x="{x_of(index):.1f}" y="{y:.1f}" text-anchor="middle" font-size="13" '
                f'fill="{colour}">{escape(text)}</text>'
            )
    return parts
