"""GeoJSON features -> Location records, with geometry checks (ranges, closed rings)."""

from __future__ import annotations

from nktracker.model import Location
from nktracker.parse import Parsed, PathKey
from nktracker.problems import Problem
from nktracker.records import validate_record


def features_to_locations(parsed: Parsed, problems: list[Problem]) -> tuple[list[Location], int]:
    """Validate a FeatureCollection; return the good locations and how many features there were."""
    value = parsed.value
    if not isinstance(value, dict) or value.get("type") != "FeatureCollection":
        problems.append(
            parsed.problem(
                (),
                "type",
                "expected a GeoJSON FeatureCollection",
                'start the file with {"type": "FeatureCollection", "features": [...]}',
            )
        )
        return [], 0
    features = value.get("features")
    if not isinstance(features, list):
        problems.append(
            parsed.problem(
                ("features",), "type", "'features' must be a list", "add a features list"
            )
        )
        return [], 0
    out: list[Location] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        where: PathKey = ("features", index)
        location = _feature(parsed, where, feature, problems)
        if location is None:
            continue
        if location.id in seen:
            problems.append(
                parsed.problem(
                    (*where, "properties", "id"),
                    "duplicate-id",
                    f"id '{location.id}' is already used at line {seen[location.id]}",
                    "give each place its own id",
                )
            )
            continue
        seen[location.id] = parsed.line_of(where) or 0
        out.append(location)
    return out, len(features)


def _feature(parsed: Parsed, where: PathKey, feature, problems: list[Problem]) -> Location | None:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        problems.append(
            parsed.problem(
                where, "type", "a feature needs a 'properties' mapping", "add properties"
            )
        )
        return None
    geometry = feature.get("geometry")
    errors = check_geometry(geometry)
    if errors or not isinstance(geometry, dict):
        for sub, message in errors:
            problems.append(
                parsed.problem(
                    (*where, "geometry", *sub),
                    "coordinates",
                    message,
                    "longitude is -180..180, latitude -90..90, [lon, lat] order; close each ring",
                )
            )
        return None
    props = dict(feature["properties"])
    label = props.pop("label_point", None)
    if geometry["type"] == "Point":
        label = geometry["coordinates"]
    elif label is None or check_position(label):
        problems.append(
            parsed.problem(
                (*where, "properties", "label_point"),
                "coordinates",
                "a polygon needs a valid 'label_point' [lon, lat] for markers and labels",
                "add label_point inside the polygon",
            )
        )
        return None
    props.update(
        lon=float(label[0]),
        lat=float(label[1]),
        geometry_type=geometry["type"],
        geometry=geometry,
    )
    return validate_record(parsed, (*where, "properties"), props, Location, problems)


def check_position(position) -> str | None:
    if (
        not isinstance(position, list)
        or len(position) < 2
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in position[:2])
    ):
        return f"a position must be [longitude, latitude] numbers (got {position!r})"
    lon, lat = position[0], position[1]
    if not -180 <= lon <= 180:
        return f"longitude must be between -180 and 180 (got {lon})"
    if not -90 <= lat <= 90:
        return f"latitude must be between -90 and 90 (got {lat})"
    return None


def check_geometry(geometry) -> list[tuple[tuple, str]]:
    """Problems with a Point/Polygon/MultiPolygon geometry as (sub-path, message) pairs."""
    if not isinstance(geometry, dict):
        return [((), "geometry must be an object with 'type' and 'coordinates'")]
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Point":
        error = check_position(coords)
        return [(("coordinates",), error)] if error else []
    if kind == "Polygon":
        return _rings(coords, ("coordinates",))
    if kind == "MultiPolygon":
        if not isinstance(coords, list) or not coords:
            return [(("coordinates",), "a MultiPolygon needs a list of polygons")]
        out = []
        for i, polygon in enumerate(coords):
            out += _rings(polygon, ("coordinates", i))
        return out
    return [(("type",), f"geometry type must be Point, Polygon or MultiPolygon (got {kind!r})")]


def _rings(polygon, sub) -> list[tuple[tuple, str]]:
    if not isinstance(polygon, list) or not polygon:
        return [(sub, "a polygon needs a list of rings")]
    out = []
    for r, ring in enumerate(polygon):
        if not isinstance(ring, list) or len(ring) < 4:
            out.append(((*sub, r), "a ring needs at least 4 positions"))
            continue
        for p, position in enumerate(ring):
            error = check_position(position)
            if error:
                out.append(((*sub, r, p), error))
                break
        else:
            if ring[0] != ring[-1]:
                out.append(((*sub, r), "a ring must end where it starts (closed ring)"))
    return out
