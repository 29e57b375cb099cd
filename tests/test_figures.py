"""Figures carry title, filters and sources; escape data; choose log axes; respect windows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import FROZEN
from nktracker.figures import (
    MAX_DENIAL_LABELS,
    MAX_LEGEND_ORIGINATORS,
    MAX_QUANTITIES_PER_CHART,
    build_chain_figure,
    build_estimate_figure,
    build_movement_figure,
    build_sequence_figure,
    build_timeline_figure,
    cap_quantities,
    cap_rows,
    originator_palette,
    use_log_axis,
)
from nktracker.load import load_dataset
from nktracker.style import MIXED_COLOR
from nktracker.tables import bundle_movement, chain_links, estimate_frame
from nktracker.timeline import deployment_personnel, sequence_items


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FROZEN)[0]


def texts(fig) -> str:
    """Everything a reader sees in a figure: title, annotations, tick labels, hover text."""
    layout = fig.layout
    parts = [layout.title.text or ""] + [a.text or "" for a in layout.annotations]
    parts += list(layout.yaxis.ticktext or [])
    for trace in fig.data:
        parts.append(str(getattr(trace, "hovertemplate", "") or ""))
    return "\n".join(parts)


def test_estimate_figure_is_self_describing(dataset):
    frame = estimate_frame(dataset, list(dataset.claims.values()))
    people = frame[(frame["unit"] == "people") & (frame["theatre"] == "present")]
    fig = build_estimate_figure(people, "Personnel", "source: LIGA.net", "Sources: X; as of Y.")
    text = texts(fig)
    assert "Personnel" in text and "source: LIGA.net" in text and "Sources: X; as of Y." in text
    assert fig.layout.xaxis.type == "log"  # "a number of" (2) to 600,000
    for said_by in people["said_by"]:
        assert str(said_by) in text


def test_linear_axis_when_values_are_close(dataset):
    frame = estimate_frame(dataset, list(dataset.claims.values()))
    angola = frame[frame["theatre"] == "historical"]
    assert not use_log_axis(angola)
    assert build_estimate_figure(angola, "t", "s", "f").layout.xaxis.type == "linear"


def test_open_ended_estimates_are_dotted(dataset):
    frame = estimate_frame(dataset, [dataset.claims["liga-battalion-size"]])
    fig = build_estimate_figure(frame, "t", "s", "f")
    dashes = {trace.line.dash for trace in fig.data if trace.mode == "lines"}
    assert "dot" in dashes


def test_data_strings_are_escaped(dataset):
    frame = estimate_frame(dataset, [dataset.claims["liga-battalion-size"]])
    frame.loc[:, "said_by"] = "<img src=x onerror=alert(1)>"
    text = texts(build_estimate_figure(frame, "t", "s", "f"))
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_empty_frame_gives_a_message():
    fig = build_estimate_figure(pd.DataFrame(), "t", "s", "f")
    assert "No estimates match" in texts(fig)


def test_timeline_has_a_bar_per_dated_deployment(dataset):
    deps = list(dataset.deployments.values())
    personnel = {d.id: deployment_personnel(dataset, d) for d in deps}
    fig = build_timeline_figure(dataset, deps, personnel, dt.date(2024, 10, 20), "T", "s", "f")
    bars = [t for t in fig.data if t.type == "bar"]
    assert len(bars) == sum(1 for d in deps if d.start)
    assert "2,700–3,300 troops" in texts(fig)


def test_sequence_window_drops_items_outside(dataset):
    items = sequence_items(dataset, list(dataset.claims.values()))
    window = (dt.date(2024, 5, 1), dt.date(2024, 11, 3))
    fig = build_sequence_figure(items, "S", "s", "f", window=window)
    text = texts(fig)
    assert "Peskov" in text
    assert "Kim Jong-un visited" not in text
    assert tuple(fig.layout.xaxis.range) == ("2024-05-01", "2024-11-03")


def test_sequence_keeps_the_precision_of_each_date(dataset):
    items = sequence_items(dataset, list(dataset.claims.values())).set_index("label")
    peskov = items[items.index.str.startswith("Dmitry Peskov")].iloc[0]
    assert (peskov["first"], peskov["last"], peskov["precision"]) == (
        "2024-10-10",
        "2024-10-10",
        "day",
    )
    wapo = items[items.index.str.contains("military intelligence official")].iloc[0]
    assert (wapo["first"], wapo["last"], wapo["precision"]) == ("2024-10-07", "2024-10-13", "week")


def test_chain_figure_nodes_are_sources(dataset):
    links = chain_links(dataset, list(dataset.claims.values()))
    fig = build_chain_figure(dataset, links, "C", "s", "f")
    labels = set(fig.data[0].node.label)
    assert {"The War Zone", "Interfax", "Kyrylo Budanov"} <= labels


def movement_rows(n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        rows.append(
            {
                "claim": f"c{i}",
                "known_from": (dt.date(2024, 10, 1) + dt.timedelta(days=i % 20)).isoformat(),
                "low": 2000.0 if i % 3 else None,
                "best": None,
                "high": 9999.0 if i % 2 else 12000.0,
                "words": "thousands",
                "range": "2,000–9,999",
                "chain": "A via B",
                "originator": f"Originator {i % 4}",
                "contested": "",
                "unit": "people",
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize("n", [1, 50])
def test_movement_figure_reads_with_one_claim_and_with_fifty(n):
    as_of = dt.date(2024, 10, 25)
    denials = [("2024-10-14", "The Kremlin denies (said 10 Oct 2024)")]
    fig = build_movement_figure(movement_rows(n), denials, as_of, "Moved", "s", "f")
    assert fig.layout.xaxis.type == "date"
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert legend == {f"Originator {i}" for i in range(min(n, 4))} | {"denial or doubt"}
    text = texts(fig)
    assert "Kremlin denies" in text and "as known on 25 Oct 2024" in text
    dashed = [t for t in fig.data if t.line.dash == "dash"]
    assert len(dashed) == 1 and list(dashed[0].x[:2]) == ["2024-10-14", "2024-10-14"]
    first, last = fig.layout.xaxis.range
    assert first <= "2024-10-01" and last >= "2024-10-25"


def test_movement_figure_without_claims_says_so():
    fig = build_movement_figure(pd.DataFrame(), [], None, "Moved", "s", "f")
    assert "No estimate" in texts(fig)


def test_a_quantity_with_many_claims_draws_its_bounds_and_says_how_many_more(frozen):
    dataset, _ = frozen
    frame = estimate_frame(dataset, list(dataset.claims.values()))
    row = frame[frame["quantity"] == "nk-personnel-training"].iloc[0]
    many = pd.DataFrame([{**row.to_dict(), "claim": f"c{i}", "low": 2000 + i} for i in range(30)])
    many.loc[7, "low"] = 1000.0  # the lowest bound sits in the middle
    kept, left_out = cap_rows(many)
    assert len(kept) == 12 and left_out == 18
    assert 7 in kept.index and 0 in kept.index
    fig = build_estimate_figure(many, "t", "s", "f")
    assert "12 of 30 claims drawn" in texts(fig)


def test_movement_bundles_by_originator_and_day_beyond_sixty_bars():
    frame = movement_rows(200)
    bundled = bundle_movement(frame)
    assert len(bundled) == len(frame.groupby(["known_from", "originator"]))
    assert len(bundled) < 100
    one = bundled.iloc[0]
    part = frame[
        (frame["known_from"] == one["known_from"]) & (frame["originator"] == one["originator"])
    ]
    assert (one["low"] is None) == part["low"].isna().any()


def test_movement_figure_names_six_denial_days_and_counts_the_rest():
    denials = [
        ((dt.date(2024, 10, 1) + dt.timedelta(days=i // 2)).isoformat(), f"Denier {i} denies")
        for i in range(20)
    ]
    fig = build_movement_figure(movement_rows(5), denials, None, "Moved", "s", "f")
    dashed = [t for t in fig.data if t.line.dash == "dash"]
    assert len(dashed) == 1  # one trace draws every line
    assert len([x for x in dashed[0].x if x is None]) == 10  # ten days, two denials each
    text = texts(fig)
    assert text.count("2 denials or doubts") == MAX_DENIAL_LABELS
    assert "and denials on 4 more days" in text


def test_movement_colours_the_most_frequent_originators_and_greys_the_rest():
    names = [f"o{i}" for i in range(12) for _ in range(12 - i)]  # o0 most frequent
    palette = originator_palette(names)
    coloured = [o for o, c in palette.items() if c != MIXED_COLOR]
    assert coloured == [f"o{i}" for i in range(MAX_LEGEND_ORIGINATORS)]
    frame = movement_rows(12).assign(originator=[f"o{i}" for i in range(12)])
    fig = build_movement_figure(frame, [], None, "Moved", "s", "f")
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert legend.count("other originators") == 1


def test_an_estimate_chart_draws_at_most_eight_quantities_and_names_the_rest(frozen):
    dataset, _ = frozen
    frame = estimate_frame(dataset, list(dataset.claims.values()))
    row = frame.iloc[0].to_dict()
    rows = [
        {**row, "claim": f"c{q}-{i}", "quantity_label": f"Quantity {q}"}
        for q in range(20)
        for i in range(1 + (q == 15) * 5)  # Quantity 15 has the most claims
    ]
    kept, quantities, claims = cap_quantities(pd.DataFrame(rows))
    labels = list(dict.fromkeys(kept["quantity_label"]))
    assert len(labels) == MAX_QUANTITIES_PER_CHART and "Quantity 15" in labels
    assert labels == sorted(labels, key=lambda label: int(label.split()[1]))  # frame order kept
    assert (quantities, claims) == (20 - MAX_QUANTITIES_PER_CHART, 20 - MAX_QUANTITIES_PER_CHART)
    fig = build_estimate_figure(pd.DataFrame(rows), "t", "s", "f")
    assert f"and {20 - MAX_QUANTITIES_PER_CHART} more quantities" in texts(fig)


def test_movement_bundles_by_day_when_originators_are_too_many():
    frame = movement_rows(200).assign(originator=[f"o{i}" for i in range(200)])
    by_day = bundle_movement(frame, per_originator=False)
    assert len(by_day) == frame["known_from"].nunique()
    assert by_day.iloc[0]["originator"].endswith("originators")
