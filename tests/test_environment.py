"""The conda environment and the pip metadata describe the same packages."""

import re
import tomllib

import yaml

from housing_research import paths

_NAME = re.compile(r"^[A-Za-z0-9_.\-]+")


def _names(requirements):
    return {_NAME.match(r.strip()).group(0).lower().replace("_", "-") for r in requirements}


def _pyproject_requirements():
    meta = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = meta["optional-dependencies"]
    return meta["dependencies"] + extras["notebooks"] + extras["test"]


def _conda_requirements():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    return [d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip"))]


def test_same_package_names():
    assert _names(_pyproject_requirements()) == _names(_conda_requirements())


def test_same_lower_bounds():
    def bounds(reqs):
        out = {}
        for r in reqs:
            name = _NAME.match(r.strip()).group(0).lower().replace("_", "-")
            m = re.search(r">=\s*([0-9.]+)", r)
            out[name] = m.group(1) if m else None
        return out

    assert bounds(_pyproject_requirements()) == bounds(_conda_requirements())


def test_conda_env_installs_this_package():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_sections and "-e ." in pip_sections[0]
