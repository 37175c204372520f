"""The operations dashboard's layout as an SVG picture, drawn from template.yaml.

    python -m local.dashboard --write docs/dashboard.svg

CloudWatch renders the real dashboard; this draws its grid (24 columns), each widget's title
and what it plots, from the DashboardBody in the template, so the picture in
docs/operations.md cannot drift from what is deployed (a test compares the two).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from html import escape
from pathlib import Path
from typing import Any

from local.template import load_template

COLUMN_PX = 40
ROW_PX = 30
PADDING_PX = 4
_SUB = re.compile(r"\$\{([^}!][^}]*)\}")
_SEARCHED = re.compile(r'MetricName="([^"]+)"')
_PLACEHOLDERS = {
    "AWS::Region": "us-east-1",
    "ArticlesQueue.QueueName": "articles-queue",
    "ArticlesDeadLetterQueue.QueueName": "dead-letter-queue",
}


def dashboard_body(template: dict[str, Any] | None = None) -> dict[str, Any]:
    """The dashboard's JSON with every ${...} replaced by a readable placeholder."""
    source = template or load_template()
    text, _variables = source["Resources"]["OperationsDashboard"]["Properties"]["DashboardBody"][
        "Fn::Sub"
    ]
    defaults = {name: str(spec.get("Default", "")) for name, spec in source["Parameters"].items()}

    def readable(match: re.Match[str]) -> str:
        name = match.group(1)
        return _PLACEHOLDERS.get(name) or defaults.get(name) or name.removesuffix(".Arn")

    return json.loads(_SUB.sub(readable, text))  # type: ignore[no-any-return]


def _lines(widget: dict[str, Any]) -> list[str]:
    properties = widget["properties"]
    if widget["type"] == "alarm":
        names = [name.removesuffix("Alarm") for name in properties["alarms"]]
        return ["   ".join(names[:5]), "   ".join(names[5:])]
    lines = []
    for metric in properties["metrics"]:
        if isinstance(metric[0], dict):
            searched = _SEARCHED.search(metric[0]["expression"])
            name = searched.group(1) if searched else metric[0]["expression"]
            lines.append(f"{name}, one line per code (Sum)")
            continue
        options = metric[-1] if isinstance(metric[-1], dict) else {}
        stat = options.get("stat") or properties.get("stat", "")
        lines.append(f"{options.get('label', metric[1])}: {metric[1]} ({stat})")
    for line in properties.get("annotations", {}).get("horizontal", []):
        lines.append(f"--- {line['label']} at {line['value']}")
    return lines


def render_svg(body: dict[str, Any]) -> str:
    """An SVG drawing of the dashboard's widgets."""
    widgets = body["widgets"]
    width = 24 * COLUMN_PX
    height = max(w["y"] + w["height"] for w in widgets) * ROW_PX
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        f'<rect width="{width}" height="{height}" fill="#f2f3f3"/>',
    ]
    for widget in widgets:
        x, y = widget["x"] * COLUMN_PX + PADDING_PX, widget["y"] * ROW_PX + PADDING_PX
        w, h = (
            widget["width"] * COLUMN_PX - 2 * PADDING_PX,
            widget["height"] * ROW_PX - 2 * PADDING_PX,
        )
        parts.append(
            f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="#fff" stroke="#aab7b8"/>'
        )
        title = escape(widget["properties"]["title"])
        parts.append(
            f'<text x="{x + 8}" y="{y + 18}" font-size="13" font-weight="bold">{title}</text>'
        )
        for number, line in enumerate(_lines(widget)):
            parts.append(
                f'<text x="{x + 8}" y="{y + 38 + 14 * number}" font-size="9" fill="#414d5c">'
                f"{escape(line)}</text>"
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m local.dashboard", description=__doc__)
    parser.add_argument("--write", type=Path, help="write the SVG here (default: print it)")
    args = parser.parse_args(argv)
    svg = render_svg(dashboard_body())
    if args.write:
        args.write.write_text(svg, encoding="utf-8")
    else:
        sys.stdout.write(svg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
