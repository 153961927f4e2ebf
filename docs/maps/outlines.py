#!/usr/bin/env python3
"""Country outlines for steppe's maps, from Natural Earth's Admin 0 countries
(public domain) as the world-atlas npm package ships them in TopoJSON.

Run offline from the package's tarball:

    npm pack world-atlas@2.0.2          # once: world-atlas-2.0.2.tgz
    python3 docs/maps/outlines.py world-atlas-2.0.2.tgz > src/atlas/outlines.txt

The output is plain text, one country after another:

    C KZ Kazakhstan          a country: its ISO 3166-1 alpha-2 code, its name
    R 4683 5530 -12 4 ...    a ring: its first point, then each next one as a
                             difference, in hundredths of a degree (longitude,
                             latitude); holes are rings too (filled even-odd);
                             a ring across the antimeridian goes on past 180

Each shared border is simplified once (Douglas-Peucker on the TopoJSON arcs),
so neighbours still meet exactly. Nothing else is read, and nothing fetched.
"""

import json
import sys
import tarfile

SOURCE = "countries-50m.json"
# Degrees: a border bends less than this from its simplified line.
TOLERANCE = 0.04
# Rings smaller than this (square degrees) are left out, unless the country
# has no bigger one: islets would be single dots at any zoom the map has.
SMALLEST = 0.02

# ISO 3166-1 numeric → alpha-2 (from Debian's iso-codes), for the TopoJSON ids.
NUMERIC = {
    "004": "AF", "008": "AL", "010": "AQ", "012": "DZ", "016": "AS", "020": "AD", "024": "AO",
    "028": "AG", "031": "AZ", "032": "AR", "036": "AU", "040": "AT", "044": "BS", "048": "BH",
    "050": "BD", "051": "AM", "052": "BB", "056": "BE", "060": "BM", "064": "BT", "068": "BO",
    "070": "BA", "072": "BW", "074": "BV", "076": "BR", "084": "BZ", "086": "IO", "090": "SB",
    "092": "VG", "096": "BN", "100": "BG", "104": "MM", "108": "BI", "112": "BY", "116": "KH",
    "120": "CM", "124": "CA", "132": "CV", "136": "KY", "140": "CF", "144": "LK", "148": "TD",
    "152": "CL", "156": "CN", "158": "TW", "162": "CX", "166": "CC", "170": "CO", "174": "KM",
    "175": "YT", "178": "CG", "180": "CD", "184": "CK", "188": "CR", "191": "HR", "192": "CU",
    "196": "CY", "203": "CZ", "204": "BJ", "208": "DK", "212": "DM", "214": "DO", "218": "EC",
    "222": "SV", "226": "GQ", "231": "ET", "232": "ER", "233": "EE", "234": "FO", "238": "FK",
    "239": "GS", "242": "FJ", "246": "FI", "248": "AX", "250": "FR", "254": "GF", "258": "PF",
    "260": "TF", "262": "DJ", "266": "GA", "268": "GE", "270": "GM", "275": "PS", "276": "DE",
    "288": "GH", "292": "GI", "296": "KI", "300": "GR", "304": "GL", "308": "GD", "312": "GP",
    "316": "GU", "320": "GT", "324": "GN", "328": "GY", "332": "HT", "334": "HM", "336": "VA",
    "340": "HN", "344": "HK", "348": "HU", "352": "IS", "356": "IN", "360": "ID", "364": "IR",
    "368": "IQ", "372": "IE", "376": "IL", "380": "IT", "384": "CI", "388": "JM", "392": "JP",
    "398": "KZ", "400": "JO", "404": "KE", "408": "KP", "410": "KR", "414": "KW", "417": "KG",
    "418": "LA", "422": "LB", "426": "LS", "428": "LV", "430": "LR", "434": "LY", "438": "LI",
    "440": "LT", "442": "LU", "446": "MO", "450": "MG", "454": "MW", "458": "MY", "462": "MV",
    "466": "ML", "470": "MT", "474": "MQ", "478": "MR", "480": "MU", "484": "MX", "492": "MC",
    "496": "MN", "498": "MD", "499": "ME", "500": "MS", "504": "MA", "508": "MZ", "512": "OM",
    "516": "NA", "520": "NR", "524": "NP", "528": "NL", "531": "CW", "533": "AW", "534": "SX",
    "535": "BQ", "540": "NC", "548": "VU", "554": "NZ", "558": "NI", "562": "NE", "566": "NG",
    "570": "NU", "574": "NF", "578": "NO", "580": "MP", "581": "UM", "583": "FM", "584": "MH",
    "585": "PW", "586": "PK", "591": "PA", "598": "PG", "600": "PY", "604": "PE", "608": "PH",
    "612": "PN", "616": "PL", "620": "PT", "624": "GW", "626": "TL", "630": "PR", "634": "QA",
    "638": "RE", "642": "RO", "643": "RU", "646": "RW", "652": "BL", "654": "SH", "659": "KN",
    "660": "AI", "662": "LC", "663": "MF", "666": "PM", "670": "VC", "674": "SM", "678": "ST",
    "682": "SA", "686": "SN", "688": "RS", "690": "SC", "694": "SL", "702": "SG", "703": "SK",
    "704": "VN", "705": "SI", "706": "SO", "710": "ZA", "716": "ZW", "724": "ES", "728": "SS",
    "729": "SD", "732": "EH", "740": "SR", "744": "SJ", "748": "SZ", "752": "SE", "756": "CH",
    "760": "SY", "762": "TJ", "764": "TH", "768": "TG", "772": "TK", "776": "TO", "780": "TT",
    "784": "AE", "788": "TN", "792": "TR", "795": "TM", "796": "TC", "798": "TV", "800": "UG",
    "804": "UA", "807": "MK", "818": "EG", "826": "GB", "831": "GG", "832": "JE", "833": "IM",
    "834": "TZ", "840": "US", "850": "VI", "854": "BF", "858": "UY", "860": "UZ", "862": "VE",
    "876": "WF", "882": "WS", "887": "YE", "894": "ZM",
}
# Features without an id: Kosovo's user-assigned code; the others go with the
# country the UN recognises (or none: the Siachen glacier stays unassigned).
UNNAMED = {"Kosovo": "XK", "Somaliland": "SO", "N. Cyprus": "CY"}
# Left out: no timeline of diplomacy draws Antarctica, and it is the largest shape.
SKIPPED = {"AQ"}


def decode_arcs(topo):
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas-Peucker, keeping both ends (iterative: arcs can be long)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        far, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def ring(arcs, indices):
    points = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points):
    """A ring across the antimeridian (Russia's Chukotka, Fiji) goes on east
    of 180 degrees instead of jumping back across the whole map."""
    if any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:] + points[:1])):
        return [(x + 360 if x < 0 else x, y) for x, y in points]
    return points


def area(points):
    return abs(
        sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))
    ) / 2


def quantize(points):
    out = []
    for x, y in points:
        q = (round(x * 100), round(y * 100))
        if not out or out[-1] != q:
            out.append(q)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: outlines.py world-atlas-2.0.2.tgz")
    with tarfile.open(sys.argv[1]) as tar:
        topo = json.load(tar.extractfile("package/" + SOURCE))
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    countries = {}
    for g in topo["objects"]["countries"]["geometries"]:
        name = g["properties"]["name"]
        code = NUMERIC.get(g.get("id")) or UNNAMED.get(name)
        if code is None or code in SKIPPED:
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [quantize(unwrapped(ring(arcs, r))) for polygon in polygons for r in polygon]
        rings = [r for r in rings if len(r) >= 3]
        entry = countries.setdefault(code, {"name": name, "rings": []})
        entry["rings"].extend(rings)
    out = sys.stdout
    out.write(f"# Natural Earth 1:50m Admin 0 countries (public domain), from world-atlas's\n")
    out.write(f"# {SOURCE}, simplified to {TOLERANCE} degrees by docs/maps/outlines.py.\n")
    for code in sorted(countries):
        entry = countries[code]
        rings = entry["rings"]
        biggest = max((area([(x / 100, y / 100) for x, y in r]) for r in rings), default=0)
        out.write(f"C {code} {entry['name']}\n")
        for r in rings:
            a = area([(x / 100, y / 100) for x, y in r])
            if a < SMALLEST and a < biggest:
                continue
            (x0, y0), deltas = r[0], []
            px, py = x0, y0
            for x, y in r[1:]:
                deltas.append(f"{x - px} {y - py}")
                px, py = x, y
            out.write(f"R {x0} {y0} " + " ".join(deltas) + "\n")


if __name__ == "__main__":
    main()
