"""docs/dashboard.svg is the template's dashboard, drawn by local.dashboard."""

from __future__ import annotations

from local.dashboard import dashboard_body, render_svg
from local.template import ROOT


def test_the_committed_picture_is_the_templates_dashboard() -> None:
    committed = (ROOT / "docs/dashboard.svg").read_text(encoding="utf-8")

    assert committed == render_svg(dashboard_body()), (
        "run python -m local.dashboard --write docs/dashboard.svg"
    )


def test_every_widget_and_alarm_is_drawn() -> None:
    body = dashboard_body()
    svg = render_svg(body)

    for widget in body["widgets"]:
        assert widget["properties"]["title"] in svg
    assert "DeadLetterQueue" in svg and "ApiLatency" in svg
    assert "${" not in svg
