"""Plotly figures: estimate ranges, deployment timeline, the 2024 sequence, reporting chains.

Every figure carries its title, a subtitle with the active filters and a footer with the sources
shown and the as-of date, so it stands on its own when it leaves the app. Strings from the data
are HTML-escaped before they reach plotly's text or hover labels.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import plotly.graph_objects as go

from nktracker import dates
from nktracker.labels import deployment_years, source_label, truncate, wrap_lines
from nktracker.model import Dataset, Deployment
from nktracker.style import (
    EVENT_COLORS,
    GRID,
    GRID_DARK,
    KIND_COLORS,
    MIXED_COLOR,
    SERIES_COLORS,
    STANCE_COLORS,
    TEXT_MUTED,
    color,
    css_rgba,
    escape,
    frame_figure,
    region_colors,
)
from nktracker.timeline import timeline_rows

ROW_LINE_CHARS = 46  # a row's label line: fits a phone-wide chart (~340 px at 13 px)
DETAIL_LINE_CHARS = 56  # a detail line at 11 px
HEADING_LINE_CHARS = 40  # a quantity's heading at 14 px bold
SANKEY_LABEL_CHARS = 26  # a node's label in the reporting-chains diagram


def _label_row(notes: list, y: float, text: str, bold: bool = False, size: int = 13) -> None:
    """A row's label above its bar, from the left edge, its lines growing upwards: short
    lines (see _estimate_label) so a phone-wide chart holds them. Labels are collected and set
    on the figure at once (plotly re-validates every annotation on each add_annotation, so
    adding them one by one costs the square of their number)."""
    notes.append(
        dict(
            x=0,
            xref="paper",
            y=y,
            yshift=8 if not bold else -6,
            yanchor="bottom",
            text=f"<b>{text}</b>" if bold else text,
            showarrow=False,
            xanchor="left",
            align="left",
            font=dict(size=size + (1 if bold else 0), color="#111827" if bold else "#374151"),
        )
    )


def _detail_row(notes: list, y: float, text: str) -> None:
    """Smaller lines under a row's bar, growing downwards: who stands behind it, what
    contests it."""
    notes.append(
        dict(
            x=0,
            xref="paper",
            y=y,
            yshift=-9,
            yanchor="top",
            text=text,
            showarrow=False,
            xanchor="left",
            align="left",
            font=dict(size=11, color=TEXT_MUTED),
        )
    )


def _lines(text: str, width: int, max_lines: int = 2) -> str:
    """Plain text as at most max_lines escaped lines of at most width characters."""
    return "<br>".join(escape(line) for line in wrap_lines(text, width, max_lines))


def _rows_axis(fig: go.Figure, y_last: float) -> None:
    fig.update_yaxes(
        showticklabels=False, range=[y_last + 0.3, 0.9], showgrid=False, zeroline=False
    )


def _number(value: float | None) -> float | None:
    """A table cell as a number, or None for an empty one (None or NaN)."""
    return None if value is None or math.isnan(value) else float(value)


def _estimate_label(row: dict) -> str:
    """'<b>“up to 3,000” → up to 3,000</b><br>LIGA.net, 15 Oct 2024': the words and their
    range, then who and when, each on a line of its own."""
    words = _lines(f"“{row['words']}” → {row['range']}", ROW_LINE_CHARS)
    who = _lines(f"{row['said_by']}, {row['reported']}", ROW_LINE_CHARS + 4, 1)
    return f"<b>{words}</b><br>{who}"


def _estimate_detail(row: dict) -> str:
    """'1 independent originator · originator: Ukrainian military intelligence<br>⚠ contested:
    The Kremlin, 10 Oct 2024' (under the bar)."""
    parts = []  # the count first: a cut line must never lose how many stand behind it
    if row.get("independent"):
        n = int(row["independent"])
        parts.append(f"{n} independent originator{'s' if n != 1 else ''}")
    originator = str(row.get("originator") or "")
    if originator:
        parts.append(f"originator: {originator}")
    text = _lines(" · ".join(parts), DETAIL_LINE_CHARS, 1)
    if row.get("contested"):
        warn = STANCE_COLORS["denies"]
        contest = _lines(f"⚠ {row['contested']}", DETAIL_LINE_CHARS, 1)
        text += f"<br><span style='color:{warn}'>{contest}</span>"
    return text


def _positive_values(frame: pd.DataFrame) -> list[float]:
    """Every stated low, best and high above zero."""
    return [
        float(v)
        for col in ("low", "best", "high")
        for v in frame[col].tolist()
        if v is not None and not pd.isna(v) and v > 0
    ]


def use_log_axis(frame: pd.DataFrame) -> bool:
    """Log when the stated values span more than two orders of magnitude."""
    values = _positive_values(frame)
    return bool(values) and max(values) / min(values) > 100


def _value_axis(frame: pd.DataFrame, headroom: float) -> tuple[bool, float, float]:
    """Log or not, and the axis ends: a third of the least to three times the most on a log
    axis, else zero to the most plus headroom (where open ends are drawn to)."""
    values = _positive_values(frame)
    top = max(values) if values else 1.0
    if use_log_axis(frame):
        return True, min(values) / 3, top * 3
    return False, 0.0, top * headroom


MAX_ROWS_PER_QUANTITY = 12  # more claims on one quantity are listed in the table, not drawn
MAX_CHAIN_LINKS = 40  # the reporting-chains diagram draws the strongest links only
MAX_MOVEMENT_BARS = 60  # beyond this the movement chart draws one bar per originator and day
MAX_SEQUENCE_ROWS = 40  # dated items drawn on the 2024 sequence
MAX_QUANTITIES_PER_CHART = 8  # more quantities in one range chart are listed in the table
MAX_DENIAL_LABELS = 6  # denials named on the movement chart; more are drawn as lines only
MAX_LEGEND_ORIGINATORS = 8  # originators with their own colour; the others share one


def cap_rows(rows: pd.DataFrame, limit: int = MAX_ROWS_PER_QUANTITY) -> tuple[pd.DataFrame, int]:
    """At most `limit` rows of one quantity: the claims that set its lowest and highest bound
    first, then the others in their order. Returns the rows kept and how many were left out."""
    if len(rows) <= limit:
        return rows, 0
    lows, highs = rows["low"].dropna(), rows["high"].dropna()
    bounds = set()
    if not lows.empty:
        bounds.add(lows.idxmin())
    if not highs.empty:
        bounds.add(highs.idxmax())
    keep = [i for i in rows.index if i in bounds]
    keep += [i for i in rows.index if i not in bounds][: limit - len(keep)]
    return rows.loc[sorted(keep, key=list(rows.index).index)], len(rows) - len(keep)


def cap_quantities(
    frame: pd.DataFrame, limit: int = MAX_QUANTITIES_PER_CHART
) -> tuple[pd.DataFrame, int, int]:
    """The rows of at most `limit` quantities: those with the most claims (ties: the first in
    the frame), kept in the frame's order. Returns the rows kept and how many quantities and
    claims were left out."""
    counts = frame.groupby("quantity_label", sort=False).size()
    if len(counts) <= limit:
        return frame, 0, 0
    order = {label: i for i, label in enumerate(counts.index)}
    ranked = sorted(counts.index, key=lambda label: (-counts[label], order[label]))
    kept = frame[frame["quantity_label"].isin(set(ranked[:limit]))]
    return kept, len(counts) - limit, len(frame) - len(kept)


def build_estimate_figure(frame: pd.DataFrame, title: str, subtitle: str, footer: str) -> go.Figure:
    """Range chart: a row per claim grouped by quantity; bar low→high, ◆ best, open ends dotted.
    A quantity with more than MAX_ROWS_PER_QUANTITY claims draws its bounds and the first
    others, and says how many more the table lists; a chart draws at most
    MAX_QUANTITIES_PER_CHART quantities (those with the most claims) and names the rest."""
    fig = go.Figure()
    traces: list = []
    notes: list = []
    if frame.empty:
        fig.add_annotation(text="No estimates match the filters.", showarrow=False)
        return frame_figure(fig, title, subtitle, footer, 300)
    frame, more_quantities, more_claims = cap_quantities(frame)
    log, floor, ceiling = _value_axis(frame, headroom=1.15)
    y = 0.0
    legend_done: set[str] = set()
    for quantity, group_rows in frame.groupby("quantity_label", sort=False):
        rows, left_out = cap_rows(group_rows)
        heading = str(quantity)
        if left_out:
            heading += f" · {len(rows)} of {len(group_rows)} claims drawn: bounds first"
        _label_row(notes, y, _lines(heading, HEADING_LINE_CHARS, 3), bold=True)
        y -= 1
        for row in rows.to_dict("records"):
            low, best, high = (_number(row[key]) for key in ("low", "best", "high"))
            stance_color = color(STANCE_COLORS, row["stance"])
            hover = (
                f"<b>{escape(row['said_by'])}</b> · {escape(row['reported'])}<br>"
                f"Originator: {escape(row.get('originator') or row['said_by'])}; "
                f"{row.get('independent') or 1} independent originator(s) report an overlapping "
                f"range<br>"
                f"“{escape(row['words'])}” → {escape(row['range'])}<br>"
                f"{escape(truncate(row['statement'], 140))}<br>"
                f"<i>{escape(truncate(row['chain'], 90))}</i>"
            )
            start = low if low is not None else floor
            end = high if high is not None else ceiling
            bounded = low is not None and high is not None
            traces.append(
                go.Scatter(
                    x=[start, end],
                    y=[y, y],
                    mode="lines",
                    line=dict(
                        color=stance_color,
                        width=10 if bounded else 3,
                        dash=None if bounded else "dot",
                    ),
                    name=row["stance"],
                    legendgroup=row["stance"],
                    showlegend=row["stance"] not in legend_done,
                    hovertemplate=hover + "<extra></extra>",
                )
            )
            legend_done.add(row["stance"])
            marks_x = [v for v in (low, high) if v is not None]
            traces.append(
                go.Scatter(
                    x=marks_x,
                    y=[y] * len(marks_x),
                    mode="markers",
                    marker=dict(symbol="line-ns", size=16, line=dict(width=3, color=stance_color)),
                    showlegend=False,
                    hoverinfo="skip",
                )
            )
            if best is not None:
                traces.append(
                    go.Scatter(
                        x=[best],
                        y=[y],
                        mode="markers",
                        marker=dict(
                            symbol="diamond",
                            size=14,
                            color="white",
                            line=dict(width=2, color="#111"),
                        ),
                        name="best value stated",
                        legendgroup="best",
                        showlegend="best" not in legend_done,
                        hovertemplate=hover + "<extra></extra>",
                    )
                )
                legend_done.add("best")
            _label_row(notes, y, _estimate_label(row))
            _detail_row(notes, y, _estimate_detail(row))
            y -= 1
        y -= 0.35
    if more_quantities:
        more = (
            f"… and {more_quantities:,} more quantities ({more_claims:,} claims) with fewer "
            "claims each: listed in the table below"
        )
        _label_row(notes, y, _lines(more, HEADING_LINE_CHARS, 3), bold=True)
        y -= 1
    _rows_axis(fig, y)
    unit = frame["unit"].iloc[0]
    fig.update_xaxes(
        type="log" if log else "linear",
        dtick=1 if log else None,
        range=[math.log10(floor), math.log10(ceiling)] if log else [floor, ceiling],
        title=("people" if unit == "people" else "percent") + (" (log scale)" if log else ""),
        showgrid=True,
        gridcolor=GRID,
        ticksuffix="%" if unit == "percent" else "",
    )
    # each row and each group title takes one unit of the y axis (plus 0.35 between groups).
    # The height gives every unit of the axis range exactly ESTIMATE_UNIT_PX, however few the
    # rows: a row's label, bar and detail line stay clear of the next row's label (with one
    # row, a height from the row count alone squeezed the title onto the quote line).
    span = 0.9 - (y + 0.3)
    fig.add_traces(traces)
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    height = FRAME_MARGIN_PX + ESTIMATE_UNIT_PX * span
    return frame_figure(fig, title, subtitle, footer, int(math.ceil(height)))


ESTIMATE_UNIT_PX = 104  # one row of a range chart: 3 label lines, the bar, 2 detail lines
FRAME_MARGIN_PX = 225  # frame_figure's top (title, subtitle, legend) and bottom (axis, sources)


def _ms(a: dt.date, b: dt.date) -> float:
    return (b - a + dt.timedelta(days=1)).total_seconds() * 1000


LABEL_CHARS = 48  # a row label's line: fits a 390 px phone at 13 px (the hover has the rest)
LINE_PX = 17  # each further line of a wrapped row label


def label_lines(bold: str, rest: str, width: int = LABEL_CHARS, max_lines: int = 2) -> list[str]:
    """A row label as escaped lines: '<bold> · <rest>' wrapped at words to two lines of
    `width` characters (a word-boundary '…' when longer), the leading part in bold."""
    html, left = [], len(" ".join(bold.split()))  # wrapping joins words with one space
    for line in wrap_lines(f"{bold} · {rest}" if rest else bold, width, max_lines):
        n = max(0, min(left, len(line)))
        html.append((f"<b>{escape(line[:n])}</b>" if n else "") + escape(line[n:]))
        left -= n + 1  # the space a line break stands for
    return html


def _short_when(row: dict) -> str:
    """'10 Oct' for an item dated to the day, 'Jun 2024' for a month: the date without its
    words and references, which stay in the hover and on the Timeline page."""
    if row.get("precision") == "day":
        day = dt.date.fromisoformat(str(row["first"]))
        return f"{day.day} {day:%b}"
    return str(row["when"]).split(" (")[0]


def _wrapped_label(notes: list, y: float, html: list[str], size: int = 13) -> None:
    """A row's wrapped label above its mark, from the left edge (its lines from label_lines)."""
    notes.append(
        dict(
            x=0,
            xref="paper",
            y=y,
            yshift=10,
            yanchor="bottom",
            text="<br>".join(html),
            showarrow=False,
            xanchor="left",
            align="left",
            font=dict(size=size, color="#374151"),
        )
    )


def _row_positions(line_counts: list[int], row_px: int) -> tuple[list[float], float]:
    """Each row's y (one unit is a one-line row of row_px) and the units all rows take: a
    row whose label wraps takes LINE_PX more per extra line, so labels never overlap."""
    ys, y = [], 0.0
    for i, lines in enumerate(line_counts):
        if i:
            y -= 1 + (lines - 1) * LINE_PX / row_px
        ys.append(y)
    return ys, -y + 1


def _open_end(row, y: float, axis_end: dt.date, hue: str, hover: str) -> list:
    """An end not recorded, drawn honestly: from the end of the start's own span a dotted line
    fades to the axis edge (no end is claimed), with a mark; the hover says 'end not
    reported'."""
    traces: list = []
    start = row.last + dt.timedelta(days=1)
    steps = 6
    span_days = max((axis_end - start).days, steps)
    for k in range(steps):
        a = start + dt.timedelta(days=span_days * k // steps)
        b = start + dt.timedelta(days=span_days * (k + 1) // steps)
        traces.append(
            go.Scatter(
                x=[a.isoformat(), b.isoformat()],
                y=[y, y],
                mode="lines",
                line=dict(color=css_rgba(hue, 0.85 * (1 - k / steps)), width=4, dash="dot"),
                showlegend=False,
                hovertemplate=hover + "<extra></extra>",
            )
        )
    traces.append(
        go.Scatter(
            x=[start.isoformat()],
            y=[y],
            mode="markers",
            marker=dict(symbol="triangle-right-open", size=11, color=hue, line=dict(width=2)),
            showlegend=False,
            hovertemplate=hover + "<extra></extra>",
        )
    )
    return traces


def build_timeline_figure(
    dataset: Dataset,
    deployments: list[Deployment],
    personnel: dict[str, str],
    today: dt.date,
    title: str,
    subtitle: str,
    footer: str,
) -> go.Figure:
    """Deployments as bars over their recorded years, earliest first (region as colour),
    labelled with personnel. An end not recorded fades out to the axis edge."""
    fig = go.Figure()
    traces: list = []
    notes: list = []
    rows = timeline_rows(dataset, deployments, today)
    axis_end = today + dt.timedelta(days=2 * 365)
    shown_regions: set[str] = set()
    colors = region_colors(dataset.regions.values())
    labels = [
        label_lines(r.deployment.theatre, _deployment_label(r.deployment, personnel)) for r in rows
    ]
    ys, units = _row_positions([len(html) for html in labels], 52)
    for y, row, html in zip(ys, rows, labels, strict=True):
        dep, region = row.deployment, row.region
        region_color = color(colors, region)
        years = deployment_years(dep)
        approx = " (approx.)" if dep.approximate else ""
        bg_note = dep.background.note if dep.background else ""
        how = "end not reported" if row.open_end else row.how
        hover = (
            f"<b>{escape(dep.theatre)}</b> — {escape(dep.conflict)}<br>"
            f"{escape(years)}{approx}; {escape(how)}<br>Sent: {escape(dep.sent_words)}<br>"
            f"Ally: {escape(dep.ally)}; opponent: {escape(dep.opponent)}<br>"
            f"<i>Years: background — {escape(truncate(bg_note, 120))}</i>"
        )
        traces.append(
            go.Bar(
                y=[y],
                width=[0.42],
                x=[max(_ms(row.first, row.last), 1000 * 86400 * 90)],
                base=[row.first.isoformat()],
                orientation="h",
                marker=dict(
                    color=region_color,
                    pattern=dict(
                        shape="/" if dep.approximate else "",
                        fillmode="overlay",
                        fgcolor="white",
                        fgopacity=0.6,
                        size=7,
                    ),
                    line=dict(color=region_color, width=1),
                ),
                name=region,
                legendgroup=region,
                showlegend=region not in shown_regions,
                hovertemplate=hover + "<extra></extra>",
            )
        )
        if row.open_end:
            traces += _open_end(row, y, axis_end, region_color, hover)
        _wrapped_label(notes, y, html)
        shown_regions.add(region)
    fig.update_xaxes(
        type="date",
        range=["1960-01-01", axis_end.isoformat()],
        showgrid=True,
        gridcolor=GRID,
        dtick="M120",
        tickformat="%Y",
    )
    _rows_axis(fig, (ys[-1] if ys else 0.0) - 0.8)
    fig.update_layout(barmode="overlay")
    fig.add_traces(traces)
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    return frame_figure(fig, title, subtitle, footer, int(200 + 52 * max(1.0, units)))


def _deployment_label(dep: Deployment, personnel: dict[str, str]) -> str:
    """'Angolan Civil War — About 3,000 … · from 1975, end not recorded' (after the theatre)."""
    text = personnel.get(dep.id) or ", ".join(dep.sent)
    return f"{dep.conflict} — {text} · {deployment_years(dep)}"


def build_sequence_figure(
    items: pd.DataFrame,
    title: str,
    subtitle: str,
    footer: str,
    window: tuple[dt.date, dt.date] | None = None,
    row_px: int = 50,
    label_max_lines: int = 2,
) -> go.Figure:
    """The 2024 sequence at day resolution: a span per dated item, as wide as its precision.

    With a window, only items that overlap it are drawn and the axis is fixed to it.
    `row_px` sets the height given to each item (smaller for the one-screen briefing).
    """
    fig = go.Figure()
    traces: list = []
    notes: list = []
    if window is not None and not items.empty:
        start, end = (d.isoformat() for d in window)
        items = items[(items["last"] >= start) & (items["first"] <= end)]
    if items.empty:
        fig.add_annotation(text="No dated items match the filters.", showarrow=False)
        return frame_figure(fig, title, subtitle, footer, 300)
    if len(items) > MAX_SEQUENCE_ROWS:
        # events first, then the reports that carry the most claims; drawn in date order
        weight = items["claims"].str.count(",") + (items["kind"] == "event") * 1000
        kept = weight.sort_values(ascending=False, kind="stable")
        items = items.loc[sorted(kept.index[:MAX_SEQUENCE_ROWS])]
        footer += (
            f" {MAX_SEQUENCE_ROWS} of the dated items are drawn: events first, then the reports"
            " with the most claims."
        )
    shown: set[str] = set()
    records = items.to_dict("records")
    size = 13 if row_px >= 44 else 11
    # at 11 px a line holds more characters in the same width
    labels = [
        label_lines(
            r["when"] if label_max_lines > 1 else _short_when(r),
            r["label"],
            LABEL_CHARS if size == 13 else LABEL_CHARS + 8,
            label_max_lines,
        )
        for r in records
    ]
    ys, units = _row_positions([len(html) for html in labels], row_px)
    for y, row, html in zip(ys, records, labels, strict=True):
        item_color = EVENT_COLORS.get(row["kind"]) or color(STANCE_COLORS, row["stance"])
        legend = {"event": "event", "expected": "expected (forecast)"}.get(
            row["kind"], f"report: {row['stance']}"
        )
        hover = (
            f"<b>{escape(row['label'])}</b><br>{escape(row['when'])} "
            f"({escape(row['precision'])} precision)<br>{escape(truncate(row['detail'], 160))}"
        )
        first = dt.date.fromisoformat(row["first"])
        last = dt.date.fromisoformat(row["last"])
        if row["precision"] == "day":
            trace = go.Scatter(
                x=[row["first"]],
                y=[y],
                mode="markers",
                marker=dict(
                    symbol="diamond",
                    size=15,
                    color=item_color,
                    line=dict(width=2, color=item_color),
                ),
            )
        else:
            trace = go.Bar(
                x=[_ms(first, last)],
                base=[row["first"]],
                y=[y],
                width=[0.4],
                orientation="h",
                marker=dict(color=item_color, opacity=0.55, line=dict(color=item_color, width=1)),
            )
        trace.update(
            name=legend,
            legendgroup=legend,
            showlegend=legend not in shown,
            hovertemplate=hover + "<extra></extra>",
            customdata=[[row["first"], row["last"]]],  # the days a selected mark spans
        )
        traces.append(trace)
        shown.add(legend)
        if row["background_day"]:
            traces.append(
                go.Scatter(
                    x=[row["background_day"]],
                    y=[y],
                    mode="markers",
                    marker=dict(symbol="diamond-open", size=15, color="#111", line=dict(width=2)),
                    name="exact day from a background reference",
                    legendgroup="background",
                    showlegend="background" not in shown,
                    hovertemplate=f"{escape(row['when'])}<extra></extra>",
                )
            )
            shown.add("background")
        _wrapped_label(notes, y, html, size=size)
    fig.update_xaxes(type="date", showgrid=True, gridcolor=GRID, tickformat="%d %b<br>%Y")
    if window is not None:
        fig.update_xaxes(range=[window[0].isoformat(), window[1].isoformat()])
    _rows_axis(fig, ys[-1] - 0.8)
    # a faint line through each row's marks, with the row's label sitting on it: the label
    # belongs to the line it sits on, never to the row above or below (issue 13, item 3)
    fig.update_yaxes(tickvals=ys, showgrid=True, gridcolor=GRID, gridwidth=1)
    fig.update_layout(barmode="overlay")
    fig.add_traces(traces)
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    return frame_figure(fig, title, subtitle, footer, int(200 + row_px * units))


def build_chain_figure(
    dataset: Dataset, links: pd.DataFrame, title: str, subtitle: str, footer: str
) -> go.Figure:
    """Who relayed whom to the article: a Sankey from originators to the publishing outlet."""
    fig = go.Figure()
    if links.empty:
        fig.add_annotation(text="No reporting chains match the filters.", showarrow=False)
        return frame_figure(fig, title, subtitle, footer, 300)
    if len(links) > MAX_CHAIN_LINKS:
        dropped = len(links) - MAX_CHAIN_LINKS
        links = links.nlargest(MAX_CHAIN_LINKS, "claims", keep="first")
        footer += (
            f" The {MAX_CHAIN_LINKS} strongest links are drawn; {dropped} weaker ones are not."
        )
    nodes = list(dict.fromkeys(list(links["from"]) + list(links["to"])))
    index = {n: i for i, n in enumerate(nodes)}
    labels = [source_label(dataset, n) for n in nodes]
    # short labels keep inside a phone-wide chart; the hover names each node in full
    names = [escape(truncate(label.name, SANKEY_LABEL_CHARS)) for label in labels]
    full = [escape(label.name) for label in labels]
    colors = [color(KIND_COLORS, label.kind) for label in labels]
    fig.add_trace(
        go.Sankey(
            arrangement="snap",
            node=dict(
                label=names,
                customdata=full,
                color=colors,
                pad=14,
                thickness=16,
                hovertemplate="%{customdata}: %{value} claims<extra></extra>",
            ),
            link=dict(
                source=[index[a] for a in links["from"]],
                target=[index[b] for b in links["to"]],
                value=list(links["claims"]),
                color=css_rgba(MIXED_COLOR, 0.25),
                hovertemplate="%{source.label} → %{target.label}: %{value} claims<extra></extra>",
            ),
        )
    )
    return frame_figure(fig, title, subtitle, footer, max(420, 26 * len(nodes) + 200))


def originator_palette(originators: pd.Series | list[str]) -> dict[str, str]:
    """A colour for each of the MAX_LEGEND_ORIGINATORS originators with the most rows (ties:
    first seen); every other originator, and a bundle of several, shares the mixed colour."""
    counts: dict[str, int] = {}
    for originator in originators:
        counts[str(originator)] = counts.get(str(originator), 0) + 1
    ranked = sorted(counts, key=lambda o: -counts[o])[:MAX_LEGEND_ORIGINATORS]
    first_seen = [o for o in counts if o in ranked]
    palette = {o: SERIES_COLORS[i % len(SERIES_COLORS)] for i, o in enumerate(first_seen)}
    return {o: palette.get(o, MIXED_COLOR) for o in counts}


def _denial_days(denials: list[tuple[str, str]]) -> dict[str, str]:
    """Denials by the day they became known, in date order: one label a day (several denials
    on one day are counted)."""
    by_day: dict[str, list[str]] = {}
    for day, label in denials:
        by_day.setdefault(day, []).append(label)
    return {
        day: labels[0] if len(labels) == 1 else f"{len(labels)} denials or doubts"
        for day, labels in sorted(by_day.items())
    }


def build_movement_figure(
    frame: pd.DataFrame,
    denials: list[tuple[str, str]],
    as_of: dt.date | None,
    title: str,
    subtitle: str,
    footer: str,
) -> go.Figure:
    """How the estimate moved: x is the day each claim became known, y the quantity; a range
    bar per claim coloured by originator, open ends dotted, ◆ a stated value; denials as dashed
    lines; the as-of date as a solid line. Claims known on one day sit side by side."""
    fig = go.Figure()
    traces: list = []
    notes: list = []
    if frame.empty:
        fig.add_annotation(text="No estimate of the headline quantity matches.", showarrow=False)
        return frame_figure(fig, title, subtitle, footer, 360)
    log, floor, ceiling = _value_axis(frame, headroom=1.2)
    palette = originator_palette(frame["originator"])
    per_day: dict[str, int] = {}
    shown: set[str] = set()
    for row in frame.to_dict("records"):
        low, best, high = (_number(row[key]) for key in ("low", "best", "high"))
        day = str(row["known_from"])
        slot = per_day.get(day, 0)
        per_day[day] = slot + 1
        x = (dt.datetime.fromisoformat(day) + dt.timedelta(hours=10 * slot)).isoformat()
        hue = palette[str(row["originator"])]
        legend = truncate(str(row["originator"]), 40) if hue != MIXED_COLOR else "other originators"
        hover = (
            f"<b>“{escape(row['words'])}” → {escape(row['range'])}</b><br>"
            f"{escape(row['chain'])}<br>known from {escape(day)}; originator: "
            f"{escape(row['originator'])}"
            + (f"<br>{escape(row['contested'])}" if row.get("contested") else "")
        )
        bounded = low is not None and high is not None
        traces.append(
            go.Scatter(
                x=[x, x],
                y=[low if low is not None else floor, high if high is not None else ceiling],
                mode="lines",
                line=dict(color=hue, width=9 if bounded else 3, dash=None if bounded else "dot"),
                name=legend,
                legendgroup=legend,
                showlegend=legend not in shown,
                hovertemplate=hover + "<extra></extra>",
            )
        )
        shown.add(legend)
        if best is not None:
            traces.append(
                go.Scatter(
                    x=[x],
                    y=[best],
                    mode="markers",
                    marker=dict(symbol="diamond", size=13, color=hue, line=dict(width=2)),
                    showlegend=False,
                    hovertemplate=hover + "<extra></extra>",
                )
            )
    denial_days = _denial_days(denials)
    if denial_days:  # one trace for every dashed line: add_vline costs a validation per line
        xs: list = []
        for day in denial_days:
            xs += [day, day, None]
        traces.append(
            go.Scatter(
                x=xs,
                y=[floor, ceiling, None] * len(denial_days),
                mode="lines",
                line=dict(color=STANCE_COLORS["denies"], dash="dash", width=1.5),
                name="denial or doubt",
                hoverinfo="skip",
            )
        )
    days = sorted(per_day) + list(denial_days) + ([as_of.isoformat()] if as_of else [])
    first = dt.date.fromisoformat(min(days)) - dt.timedelta(days=3)
    last = dt.date.fromisoformat(max(days)) + dt.timedelta(days=4)
    for i, (day, label) in enumerate(list(denial_days.items())[:MAX_DENIAL_LABELS]):
        # a label reads away from the nearer edge, so it stays inside the chart
        right_half = (dt.date.fromisoformat(day) - first) > (last - first) / 2
        notes.append(
            dict(
                x=day,
                y=0.98 - 0.07 * i,
                yref="paper",
                text="<br>".join(escape(line) for line in wrap_lines(label, 26, 2)),
                showarrow=False,
                xanchor="right" if right_half else "left",
                xshift=-4 if right_half else 4,
                align="right" if right_half else "left",
                yanchor="top",
                bgcolor="rgba(255,255,255,0.85)",
                font=dict(size=12, color=STANCE_COLORS["denies"]),
            )
        )
    if len(denial_days) > MAX_DENIAL_LABELS:
        notes.append(
            dict(
                x=1,
                xref="paper",
                y=0.98 - 0.07 * MAX_DENIAL_LABELS,
                yref="paper",
                text=f"… and denials on {len(denial_days) - MAX_DENIAL_LABELS:,} more days "
                "(dashed lines; the table lists them)",
                showarrow=False,
                xanchor="right",
                yanchor="top",
                bgcolor="rgba(255,255,255,0.85)",
                font=dict(size=12, color=STANCE_COLORS["denies"]),
            )
        )
    if as_of is not None:
        fig.add_vline(
            x=dt.datetime.combine(as_of, dt.time()).timestamp() * 1000, line_color=GRID_DARK
        )
        fig.add_annotation(
            x=as_of.isoformat(),
            y=0,
            yref="paper",
            text=f"as known on {as_of:%d %b %Y}",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
        )
    fig.update_xaxes(
        type="date",
        range=[first.isoformat(), last.isoformat()],
        showgrid=True,
        gridcolor=GRID,
        tickformat="%d %b<br>%Y",
    )
    unit = str(frame["unit"].iloc[0])
    fig.update_yaxes(
        type="log" if log else "linear",
        range=[math.log10(floor), math.log10(ceiling)] if log else [floor, ceiling],
        title=("people" if unit == "people" else "percent") + (" (log scale)" if log else ""),
        showgrid=True,
        gridcolor=GRID,
    )
    fig.add_traces(traces)
    fig.update_layout(annotations=[*fig.layout.annotations, *notes])
    fig = frame_figure(fig, title, subtitle, footer, 540)
    fig.update_layout(legend=dict(title=dict(text="originator: ")))
    return fig


def build_weekly_figure(counts: pd.DataFrame, title: str, subtitle: str, footer: str) -> go.Figure:
    """Claims per week by stance, stacked (weeks run Monday to Sunday); claims dated so loosely
    that they may belong to a later week are hatched, since their week is the earliest possible."""
    fig = go.Figure()
    if counts.empty:
        fig.add_annotation(text="No claims match the filters.", showarrow=False)
        return frame_figure(fig, title, subtitle, footer, 300)
    week_ms = 6.8 * 86400 * 1000
    traces: list = []
    for stance, part in counts.groupby("stance", sort=False):
        hue = color(STANCE_COLORS, str(stance))
        for coarse in (False, True):
            n = part["coarse"] if coarse else part["claims"] - part["coarse"]
            keep = n > 0
            if not keep.any():
                continue
            weeks = part["week"][keep]
            words = "dated loosely: may belong to a later week" if coarse else "week known"
            traces.append(
                go.Bar(
                    x=list(weeks),
                    y=list(n[keep]),
                    width=[week_ms] * int(keep.sum()),
                    offset=0,
                    marker=dict(
                        color=hue,
                        line=dict(color=hue, width=1),
                        pattern=dict(
                            shape="/" if coarse else "",
                            fillmode="overlay",
                            fgcolor="white",
                            fgopacity=0.7,
                            size=7,
                        ),
                    ),
                    name=str(stance),
                    legendgroup=str(stance),
                    showlegend=not coarse,
                    customdata=[dt.date.fromisoformat(w).strftime("%d %b %Y") for w in weeks],
                    hovertemplate=f"Week of %{{customdata}}: %{{y}} {escape(stance)} ({words})"
                    "<extra></extra>",
                )
            )
    if counts["coarse"].any():  # one legend entry says what hatching means
        traces.append(
            go.Bar(
                x=[None],
                y=[None],
                marker=dict(
                    color="white",
                    line=dict(color=TEXT_MUTED, width=1),
                    pattern=dict(shape="/", fgcolor=TEXT_MUTED, size=7),
                ),
                name="hatched: may belong to a later week",
                hoverinfo="skip",
            )
        )
    first = dt.date.fromisoformat(counts["week"].min()) - dt.timedelta(days=7)
    last = dt.date.fromisoformat(counts["week"].max()) + dt.timedelta(days=14)
    fig.add_traces(traces)
    fig.update_layout(barmode="stack", bargap=0)
    fig.update_xaxes(
        type="date",
        range=[first.isoformat(), last.isoformat()],
        showgrid=True,
        gridcolor=GRID,
        tickformat="%d %b",  # one line: the year is in the hover and the filters line
        tick0=dates.monday_of(first).isoformat(),
        dtick=7 * 86400 * 1000,  # a tick on each Monday: where every bar starts
    )
    fig.update_yaxes(title="claims", showgrid=True, gridcolor=GRID, rangemode="tozero")
    return frame_figure(fig, title, subtitle, footer, 460)
