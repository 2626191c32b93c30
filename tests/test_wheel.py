"""The wheel carries ontology/, shapes/, queries/ and the data files, and works outside the checkout."""
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    [whl] = out.glob("kg-*.whl")
    return whl


def test_wheel_ships_the_data_folders(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/ontology/kg.ttl", "kg/shapes/kg.ttl", "kg/queries/estimates.rq", "kg/data/actors.json",
            "kg/data/units.json", "kg/data/cues.json"} <= names


def test_installed_wheel_builds_and_queries(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # dependencies come from the test environment; kg itself only from the wheel
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(purelib)
    article = tmp_path / "a.txt"
    article.write_text("Date: 2020-05-05\n\nAbout 40 nurses left Tarsk, director Ivo Lind said.\n")
    env = {**os.environ, "PYTHONPATH": ""}
    code = ("import kg, sys; assert 'site-packages' in kg.__file__, kg.__file__;"
            f"s = kg.build([{str(article)!r}], store={str(tmp_path / 'st')!r});"
            f"rows = kg.query('statements-by-actor', store={str(tmp_path / 'st')!r}).rows;"
            f"print(s.built, kg.validate(store={str(tmp_path / 'st')!r}).conforms, rows[0][0].value)")
    res = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stderr[-2000:]
    assert res.stdout.split() == ["1", "True", "Ivo", "Lind"]
