"""End-to-end smoke test of scripts/train_coref_model.py on a slice of the training data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCRIPT = PROJECT_ROOT / "scripts" / "train_coref_model.py"
DATA_DIR = PROJECT_ROOT.parent / "shared" / "data" / "coref"

# Loads the trained model the way quoteattr will: the folder holding
# coreferee_model_en first on the import path, the pipeline renamed to the
# name coreferee's config knows. Prints where the model came from and what
# "He" resolved to.
LOAD_MODEL_CODE = """\
import json
import sys

import spacy

models_root, pipeline = sys.argv[1:3]
sys.path.insert(0, models_root)
import coreferee_model_en.sm_3_8_0 as model_package

nlp = spacy.load(pipeline)
nlp.meta["name"] = "core_web_sm"
nlp.add_pipe("coreferee")
doc = nlp("Vladimir Putin met Kim Jong Un in Beijing. He said the talks went well.")
he = next(token for token in doc if token.text == "He")
chains = doc._.coref_chains
print(json.dumps({
    "model_file": model_package.__file__,
    "annotated": chains is not None,
    "he_resolves_to": [token.text for token in (chains.resolve(he) or [])] if chains else [],
}))
"""


@pytest.mark.slow
def test_training_on_two_documents_per_corpus_writes_a_loadable_model(tmp_path: Path) -> None:
    if not (DATA_DIR / "litbank_brat").is_dir() or not (DATA_DIR / "gum_ontogum_ccby").is_dir():
        pytest.skip(f"coreference training data not found in {DATA_DIR}")
    models_root = tmp_path / "models"
    out = models_root / "coreferee_model_en" / "sm_3_8_0"

    training = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--data",
            str(DATA_DIR),
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
            "--max-docs",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    assert training.returncode == 0, training.stdout[-4000:] + training.stderr[-4000:]
    for name in ("feature_table.bin", "model", "__init__.py", "TRAINING.md", "training.json"):
        assert (out / name).is_file(), name
    assert (out.parent / "__init__.py").is_file()
    assert (out / "feature_table.bin").stat().st_size > 0
    assert (out / "model").stat().st_size > 0
    info = json.loads((out / "training.json").read_text(encoding="utf-8"))
    assert info["max_docs"] == 2
    assert info["data"]["litbank_documents"] == 2
    assert info["data"]["ontogum_documents"] == 2
    assert 0.0 <= info["result"]["test_accuracy_percent"] <= 100.0

    loading = subprocess.run(
        [sys.executable, "-c", LOAD_MODEL_CODE, str(models_root), info["pipeline"]["package"]],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert loading.returncode == 0, loading.stderr[-4000:]
    loaded = json.loads(loading.stdout.strip().splitlines()[-1])
    assert Path(loaded["model_file"]).resolve().parent == out.resolve()
    assert loaded["annotated"], loading.stdout + loading.stderr
    # The rules offer "He" only earlier male-compatible names, and the model
    # ranks them; a model this small need not pick Putin, but it must pick one.
    assert loaded["he_resolves_to"], loading.stdout + loading.stderr
    assert set(loaded["he_resolves_to"]) <= {"Vladimir", "Putin", "Kim", "Jong", "Un"}
