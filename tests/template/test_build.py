"""`sam build` without Docker: the layer is built for arm64 from python3.12 and arm64 wheels."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from local.template import ROOT, TEMPLATE_PATH
from local.validate_template import offline_aws_env

# Well below Lambda's 250 MB unzipped. Measured 70.7 MB with the HTML extractor: 33 MB of it
# is babel's locale data (a courlan dependency trafilatura's main path never reads).
LAYER_SIZE_LIMIT = 80 * 1024 * 1024


def python312_dir() -> Path | None:
    """A directory holding a working `python3.12` (this venv's when it is 3.12), else None."""
    if sys.version_info[:2] == (3, 12):
        candidate = Path(sys.executable).with_name("python3.12")
        if candidate.exists():
            return candidate.parent
    found = shutil.which("python3.12")
    if found is None:
        return None
    works = subprocess.run(  # noqa: S603 - a fixed probe of the interpreter
        [found, "-c", "import sys; sys.exit(sys.version_info[:2] != (3, 12))"],
        capture_output=True,
        check=False,
    )
    return Path(found).parent if works.returncode == 0 else None


@pytest.fixture(scope="module")
def build_dir(sam_cli, tmp_path_factory) -> Path:
    """The output of one `sam build` of template.yaml (the functions and the layer)."""
    python_dir = python312_dir()
    if python_dir is None:
        pytest.skip("python3.12 is not on PATH: sam build needs the Lambda runtime's Python")
    out = tmp_path_factory.mktemp("sam-build")
    env = offline_aws_env()
    env["PATH"] = f"{python_dir}{os.pathsep}{env.get('PATH', '')}"
    completed = subprocess.run(  # noqa: S603 - the SAM CLI with fixed arguments
        [
            str(sam_cli),
            "build",
            "--template-file",
            str(TEMPLATE_PATH),
            "--build-dir",
            str(out),
            "--parallel",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return out


@pytest.mark.slow
def test_layer_holds_precis_and_its_arm64_dependencies(build_dir):
    python = build_dir / "PrecisLayer" / "python"

    assert (python / "precis" / "__init__.py").exists()
    assert (python / "aws_lambda_powertools").is_dir()
    compiled = list(python.glob("pydantic_core/_pydantic_core*.so"))
    assert compiled, "pydantic_core was not installed"
    assert all("aarch64" in path.name for path in compiled), compiled
    lxml = list(python.glob("lxml/etree*.so"))
    assert lxml, "lxml (the HTML extractor's parser) was not installed"
    assert all("aarch64" in path.name for path in lxml), lxml
    assert (python / "trafilatura" / "__init__.py").exists()
    assert (python / "lxml_html_clean").is_dir()


@pytest.mark.slow
def test_layer_leaves_boto3_to_the_runtime_and_stays_small(build_dir):
    layer = build_dir / "PrecisLayer"
    size = sum(path.stat().st_size for path in layer.rglob("*") if path.is_file())

    assert not (layer / "python" / "boto3").exists()
    assert not (layer / "python" / "botocore").exists()
    assert size < LAYER_SIZE_LIMIT, f"layer is {size / 1e6:.1f} MB"


@pytest.mark.slow
def test_functions_are_built_from_their_handlers(build_dir):
    for function in ("SummarizeFunction", "ApiFunction"):
        assert (build_dir / function / "app.py").exists(), function
    built = (build_dir / "template.yaml").read_text(encoding="utf-8")
    assert "ContentUri: PrecisLayer" in built
    assert "CodeUri: SummarizeFunction" in built


@pytest.mark.slow
def test_layer_carries_the_widget_script_itself_not_a_link(build_dir):
    built = build_dir / "PrecisLayer" / "python" / "precis" / "api" / "static" / "precis-summary.js"
    source = ROOT / "widget" / "precis-summary.js"

    assert built.is_file()
    assert not built.is_symlink()
    assert built.read_bytes() == source.read_bytes()
