"""Run MkDocs on the course and put the result in place atomically.

MkDocs builds into a fresh sibling folder; only a complete build replaces the old one,
so a failed build leaves the previous build/ exactly as it was. The build folder gets
the ordinary modes (the umask decides), SIGTERM, SIGINT and SIGHUP remove it before the
signal takes effect, and the next build removes what a `kill -9` left behind.

Every site carries a marker file, `.vigil-site`; only a folder with that marker (or an
empty one) is replaced, unless the caller forces it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import shutil
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError, MkDocsException
from mkdocs.utils.yaml import yaml_load

from vigil.check.project import CONFIG_NAME
from vigil.engine.parallel import JobError, run_parallel
from vigil.render.links import ASSET_FOLDER
from vigil.targets.base import Target

# Written into every site: a hidden text file, harmless if a web server serves it. MkDocs
# keeps hidden files when it cleans its output folder, so it survives the build.
SITE_MARKER = ".vigil-site"
MARKER_TEXT = "Built by Vigil. `vigil build` replaces this folder as a whole.\n"
# A site built before the marker existed is recognised by its quiz engine.
LEGACY_SIGN = f"{ASSET_FOLDER}/quiz.js"
# Leftovers without a process id in their name (older Vigil) count as stale after this.
LEGACY_STALE_SECONDS = 24 * 3600
SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


class SiteError(Exception):
    """The site engine failed; the message says why, the old site is untouched."""


def plugins_with(config_file: Path, **ours: str | bool) -> list[Any]:
    """The author's plugins, with the vigil plugin's options set to `ours` (the target and
    language of a build; `trainers` to keep the trainers' nav section).

    Given to MkDocs as configuration, so the plugin learns what to build the ordinary way.
    """
    with config_file.open("rb") as stream:
        raw = yaml_load(stream) or {}
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    out: list[Any] = []
    found = False
    for entry in plugins:
        name = entry if isinstance(entry, str) else next(iter(entry), None)
        if name == "vigil":
            found = True
            extra = entry.get("vigil") if isinstance(entry, dict) else None
            entry = {"vigil": {**(extra or {}), **ours}}
        out.append(entry)
    if not found:
        raise SiteError(f"{CONFIG_NAME} must list the vigil plugin under plugins:")
    return out


def _guard(site_dir: Path, config: MkDocsConfig, scenarios: Path) -> None:
    """The swap replaces site_dir wholesale: it must hold nothing the author wrote."""
    project = Path(config.config_file_path).resolve().parent
    sources = [Path(config.docs_dir).resolve(), (project / scenarios).resolve()]
    clash = site_dir == project or site_dir in project.parents
    for source in sources:
        clash |= site_dir == source or site_dir in source.parents or source in site_dir.parents
    if clash:
        raise SiteError(
            f"the site folder {site_dir} would replace or sit inside the course's own files; "
            "choose a folder of its own, such as build/"
        )


class _Interrupted(BaseException):
    """A signal arrived during the build; unwinding removes the build folder."""


class _Signals:
    """Turns SIGTERM, SIGINT and SIGHUP into an unwinding exception, except mid-swap."""

    def __init__(self) -> None:
        self.pending: int | None = None
        self.critical = False

    def handle(self, signum: int, frame: FrameType | None) -> None:
        if self.pending is not None:
            return  # already unwinding: let the clean-up finish
        self.pending = signum
        if not self.critical:
            raise _Interrupted

    @contextlib.contextmanager
    def critical_section(self) -> Iterator[None]:
        """A signal here waits until the block ends, so the swap is never left half done."""
        self.critical = True
        try:
            yield
        finally:
            self.critical = False
        if self.pending is not None:
            raise _Interrupted


@contextlib.contextmanager
def _signals_unwind() -> Iterator[_Signals]:
    """For the duration of the block; afterwards the signal acts as it would have."""
    guard = _Signals()
    if threading.current_thread() is not threading.main_thread():
        yield guard  # handlers can only be set in the main thread
        return
    previous = {}
    for signum in SIGNALS:
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup stays nohup
            previous[signum] = signal.signal(signum, guard.handle)
    try:
        yield guard
    except _Interrupted:
        pass
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if guard.pending is not None:
            signal.raise_signal(guard.pending)  # the usual outcome: the process ends
            raise SystemExit(128 + guard.pending)


def _owned(folder: Path) -> bool:
    """Whether a Vigil build made this folder."""
    return (folder / SITE_MARKER).is_file() or (folder / LEGACY_SIGN).is_file()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process made no other build folder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OSError, OverflowError):
        return False
    return True


def _stale(path: Path, suffix: str) -> bool:
    """A leftover of a build that was killed: ours, and its process is gone."""
    if path.is_symlink() or not path.is_dir():
        return False
    try:
        owned = _owned(path) or not any(path.iterdir())
        age = time.time() - path.stat().st_mtime
    except OSError:
        return False
    pid = suffix.split("-", 1)[0]
    if pid.isdigit() and int(pid) > 0:
        return owned and not _alive(int(pid))
    return owned and age > LEGACY_STALE_SECONDS


def _remove_stale(site_dir: Path, keep: Path) -> None:
    """Remove `.<name>.new-*` and `.<name>.old-*` folders that killed builds left."""
    try:
        entries = list(site_dir.parent.iterdir())
    except OSError:
        return
    for path in entries:
        for kind in ("new", "old"):
            prefix = f".{site_dir.name}.{kind}-"
            if (
                path != keep
                and path.name.startswith(prefix)
                and _stale(path, path.name[len(prefix) :])
            ):
                shutil.rmtree(path, ignore_errors=True)


def _new_folder(site_dir: Path) -> Path:
    """A fresh sibling of site_dir, with the ordinary mode the umask gives and the marker."""
    while True:
        name = f".{site_dir.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
        folder = site_dir.with_name(name)
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        try:
            (folder / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return folder


def _may_replace(site_dir: Path, force: bool) -> None:
    """Replace only a site a Vigil build made, or an empty folder, unless forced."""
    if force or not (site_dir.exists() or site_dir.is_symlink()):
        return
    if site_dir.is_dir():
        try:
            if _owned(site_dir) or not any(site_dir.iterdir()):
                return
        except OSError as err:
            raise SiteError(f"cannot read {site_dir}: {err.strerror}") from None
        what = "holds files that no Vigil build made"
    else:
        what = "is a file, not a site folder"
    raise SiteError(f"{site_dir} {what}; choose another --site-dir, or pass --force to replace it")


def _os_message(err: OSError, staging: Path, site_dir: Path) -> str:
    """`cannot write PATH: reason`, naming the final path rather than the temporary one."""
    path = Path(os.fsdecode(err.filename)) if err.filename else site_dir
    with contextlib.suppress(ValueError):
        path = site_dir / path.relative_to(staging)
    return f"cannot write {path}: {err.strerror or err}"


def _config(
    root: Path,
    out: Path,
    *,
    target: Target,
    language: str,
    strict: bool,
    trainers: bool,
    alternates: bool = False,
) -> MkDocsConfig:
    """The author's configuration, building one language for the target into `out`."""
    config_file = root / CONFIG_NAME
    ours: dict[str, str | bool] = {
        "target": target.name,
        "language": language,
        "trainers": trainers,
    }
    if alternates:
        ours["alternates"] = True
    try:
        return load_config(
            str(config_file),
            site_dir=str(out),
            strict=strict,
            plugins=plugins_with(config_file, **ours),
        )
    except (Abort, MkDocsException, OSError) as err:
        raise SiteError(f"{CONFIG_NAME}: {err}") from None


def _mkdocs(config: MkDocsConfig) -> None:
    try:
        build(config)
    except (Abort, MkDocsException) as err:
        # MkDocs turns a plugin's error into "Aborted with a BuildError!": say which.
        cause = err.__context__
        raise SiteError(str(cause if isinstance(cause, BuildError) else err)) from None


def build_language(
    root: Path, out: Path, *, target: Target, language: str, strict: bool, trainers: bool
) -> None:
    """One language's site into `out`, its switcher pointing at the others beside it: the
    job of one process of a build in several languages."""
    config = _config(
        root,
        out,
        target=target,
        language=language,
        strict=strict,
        trainers=trainers,
        alternates=True,
    )
    _mkdocs(config)


def _languages(
    root: Path,
    staging: Path,
    config: MkDocsConfig,
    *,
    target: Target,
    languages: Sequence[str],
    strict: bool,
    trainers: bool,
) -> None:
    """Every language into `staging/<language>/` at once, and the root page that leads
    to them (`vigil.render.chooser`)."""
    from vigil.render.chooser import language_chooser

    jobs = {
        language: functools.partial(
            build_language,
            root,
            staging / language,
            target=target,
            language=language,
            strict=strict,
            trainers=trainers,
        )
        for language in languages
    }
    try:
        run_parallel(jobs)
    except JobError as err:
        raise SiteError(str(err)) from None
    page = language_chooser(config.site_name, languages)
    (staging / "index.html").write_text(page, encoding="utf-8")


def build_site(
    root: Path,
    site_dir: Path,
    *,
    scenarios: Path,
    target: Target,
    languages: Sequence[str],
    strict: bool,
    force: bool = False,
    trainers: bool = False,
) -> None:
    """Build into a temporary folder beside `site_dir`, then let the target package it.

    One language is a site as it always was; several are `<language>/` folders, each a
    full site built in a process of its own, and a root page that leads to them.
    `site_dir` must be absent, empty or a previous Vigil build, unless `force` is given.
    Any failure (a full disk, a read-only folder) raises SiteError and changes nothing.
    """
    site_dir = site_dir.resolve()
    with _signals_unwind() as signals:
        try:
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            staging = _new_folder(site_dir)
        except (FileExistsError, NotADirectoryError):
            files = (p for p in site_dir.parents if p.exists() and not p.is_dir())
            blocker = next(files, site_dir.parent)
            raise SiteError(f"cannot create {site_dir}: {blocker} is not a folder") from None
        except OSError as err:  # a read-only or full parent folder
            where = Path(os.fsdecode(err.filename)) if err.filename else site_dir.parent
            if where.name.startswith(f".{site_dir.name}.new-"):
                where = where.parent
            raise SiteError(f"cannot write {where}: {err.strerror or err}") from None
        try:
            several = len(languages) > 1
            config = _config(
                root,
                staging / languages[0] if several else staging,
                target=target,
                language=languages[0],
                strict=strict,
                trainers=trainers,
            )
            _guard(site_dir, config, scenarios)
            _may_replace(site_dir, force)
            _remove_stale(site_dir, keep=staging)
            if several:
                _languages(
                    root,
                    staging,
                    config,
                    target=target,
                    languages=languages,
                    strict=strict,
                    trainers=trainers,
                )
            else:
                _mkdocs(config)
            with signals.critical_section():
                target.package(staging, site_dir)
        except OSError as err:
            raise SiteError(_os_message(err, staging, site_dir)) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
