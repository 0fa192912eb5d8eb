"""The wheel a user would ``pip install`` holds every file the package reads at run time."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_the_default_model_templates_and_metric_scripts(tmp_path):
    source = tmp_path / "source"  # a copy, so setuptools' build folders stay out of the checkout
    shutil.copytree(ROOT / "stancekit", source / "stancekit", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(tmp_path)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("stancekit-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    needed = [path.relative_to(ROOT).as_posix() for folder in ("models", "templates", "evaluate_metrics", "exporters")
              for path in (ROOT / "stancekit" / folder).rglob("*")
              if path.is_file() and "__pycache__" not in path.parts]
    assert any(name.startswith("stancekit/models/default/") for name in needed)
    assert sorted(set(needed) - packed) == []
    assert not [name for name in packed if name.startswith(("tests/", "scripts/", "runs/", "data/"))]
