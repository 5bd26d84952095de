"""The SCORM packages in Chromium, against a real SCORM runtime: scorm-again as the LMS.

A host page (the stand-in LMS) creates scorm-again's API, wraps it to log every call and
its error code, and opens the package's launcher in a frame, as an LMS does. Closing the
course removes that frame. A relaunch hands the runtime what the first session stored, in
a fresh browser context: another computer, with nothing in local storage.

scorm-again is installed by .ci/run (pinned); VIGIL_SCORM_AGAIN names its folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect

from conftest import REPO, choice, run_vigil, sample_config, serve_folder
from test_browser_assessment import answer, answer_key, page_data, start

pytestmark = pytest.mark.browser

SCORM_AGAIN_ENV = "VIGIL_SCORM_AGAIN"
# Where .ci/run installs it when the variable is not set.
SCORM_AGAIN_DEFAULT = Path.home() / ".cache" / "vigil-ci" / "npm" / "node_modules" / "scorm-again"
LAUNCHER = "scorm-launch.html"
NAME = "Lovelace, Ada"  # SCORM writes "last, first"
SCENARIO = "course/friendly-questioning/gyro-question.html"
API_METHODS = {
    "1.2": [
        "LMSInitialize",
        "LMSFinish",
        "LMSGetValue",
        "LMSSetValue",
        "LMSCommit",
        "LMSGetLastError",
        "LMSGetErrorString",
        "LMSGetDiagnostic",
    ],
    "2004": [
        "Initialize",
        "Terminate",
        "GetValue",
        "SetValue",
        "Commit",
        "GetLastError",
        "GetErrorString",
        "GetDiagnostic",
    ],
}
FORMATS = {"1.2": "scorm12", "2004": "scorm2004"}
# Kinds answered by ticking an input (the helpers of test_browser_assessment do that).
TICKED = {"single", "multiple", "pick-comments", "action", "risk"}

HOST = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stand-in LMS</title>
<link rel="icon" href="data:,">
<script src="scorm-again/scorm12.min.js"></script>
<script src="scorm-again/scorm2004.min.js"></script>
<script>
window.CALLS = [];
function host(version, methods, folder, initial) {
  var api = version === "1.2" ? new Scorm12API({logLevel: 5}) : new Scorm2004API({logLevel: 5});
  if (initial) api.loadFromJSON(initial, "");
  window.RUNTIME = api;
  var logged = {};
  methods.forEach(function (m) {
    logged[m] = function () {
      var args = Array.prototype.slice.call(arguments);
      var result = api[m].apply(api, args);
      CALLS.push({method: m, args: args.map(String), result: String(result),
                  error: String(api.lastErrorCode)});
      return result;
    };
  });
  window[version === "1.2" ? "API" : "API_1484_11"] = logged;
  var frame = document.createElement("iframe");
  frame.id = "sco";
  frame.title = "Course";
  frame.style.cssText = "width:100%;height:95vh;border:0";
  frame.src = folder + "/scorm-launch.html";
  document.body.appendChild(frame);
}
function closeCourse() {
  document.getElementById("sco").remove();
  return {cmi: JSON.parse(JSON.stringify(RUNTIME.cmi)), calls: CALLS};
}
</script></head><body></body></html>
"""


def scorm_again() -> Path:
    """scorm-again's dist folder; missing, it fails under VIGIL_REQUIRE_BROWSER=1, else skips."""
    folder = Path(os.environ.get(SCORM_AGAIN_ENV) or SCORM_AGAIN_DEFAULT) / "dist"
    if (folder / "scorm12.min.js").is_file() and (folder / "scorm2004.min.js").is_file():
        return folder
    message = f"scorm-again is not installed in {folder} (bash .ci/run installs it)"
    if os.environ.get("VIGIL_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


def course_copy(root: Path) -> Path:
    """The sample course in a folder of its own, so exports write nothing into the repo:
    the scenarios whose questions a test answers by ticking their inputs."""
    project = root / "course"
    (project / "scenarios").mkdir(parents=True)
    (project / "content").symlink_to(REPO / "content")
    (project / "mkdocs.yml").write_text(sample_config(), encoding="utf-8")
    for path in sorted((REPO / "scenarios").glob("*.yaml")):
        kinds = {q.get("type") for q in yaml.safe_load(path.read_text("utf-8"))["questions"]}
        if kinds <= TICKED:
            shutil.copy(path, project / "scenarios" / path.name)
    return project


def export(project: Path, fmt: str, out: Path) -> Path:
    result = run_vigil("export", fmt, "-o", out, cwd=project)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def lms_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Both packages unzipped beside the host page and scorm-again, served over HTTP."""
    dist = scorm_again()
    root = tmp_path_factory.mktemp("lms")
    project = course_copy(root)
    site = root / "site"
    (site / "scorm-again").mkdir(parents=True)
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copy(dist / name, site / "scorm-again" / name)
    (site / "host.html").write_text(HOST, encoding="utf-8")
    for fmt in FORMATS.values():
        with zipfile.ZipFile(export(project, fmt, root / f"{fmt}.zip")) as archive:
            archive.extractall(site / fmt)
    with serve_folder(site) as url:
        yield url


@dataclass
class Session:
    """What one launch left in the LMS: the data model and every API call."""

    cmi: dict[str, Any]
    calls: list[dict[str, Any]]

    def count(self, method: str) -> int:
        return sum(c["method"] == method for c in self.calls)

    def errors(self) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["error"] != "0" and "Error" not in c["method"]]

    def interactions(self) -> dict[int, dict[str, str]]:
        """The interactions as set, by index: 1.2 cannot read them back."""
        found: dict[int, dict[str, str]] = {}
        for call in self.calls:
            m = re.fullmatch(
                r"cmi\.interactions\.(\d+)\.(\w+)", call["args"][0] if call["args"] else ""
            )
            if call["method"].endswith("SetValue") and m:
                found.setdefault(int(m[1]), {})[m[2]] = call["args"][1]
        return found


@dataclass
class Lms:
    """One version's package in the stand-in LMS, launch after launch."""

    browser: Browser
    url: str
    version: str
    contexts: list[BrowserContext] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return FORMATS[self.version]

    @property
    def package(self) -> str:
        return f"{self.url}{self.folder}/"

    def launch(self, initial: dict[str, Any], context: BrowserContext | None = None) -> Page:
        if context is None:
            context = self.browser.new_context()
            self.contexts.append(context)
        page = context.new_page()
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.problems.append(str(e)))
        page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        page.goto(self.url + "host.html")
        page.evaluate(
            "([v, m, f, i]) => host(v, m, f, i)",
            [self.version, API_METHODS[self.version], self.folder, initial],
        )
        self.course(page).wait_for_selector("body", state="attached")
        return page

    def launcher(self, page: Page) -> Frame:
        for _ in range(100):
            found = [f for f in page.frames if f.url.endswith(LAUNCHER)]
            if found:
                return found[0]
            page.wait_for_timeout(50)
        raise AssertionError("the launcher never loaded")

    def course(self, page: Page) -> Frame:
        launcher = self.launcher(page)
        for _ in range(100):
            children = [f for f in launcher.child_frames if f.url.startswith(self.package)]
            if children:
                children[0].wait_for_load_state()
                return children[0]
            page.wait_for_timeout(50)
        raise AssertionError("the course never loaded in the launcher's frame")

    def open(self, page: Page, path: str) -> Frame:
        frame = self.course(page)
        frame.goto(self.package + path)
        frame.wait_for_selector(".vigil[data-vigil-ready]", state="attached")
        return frame

    def close(self, page: Page) -> Session:
        result = page.evaluate("closeCourse()")
        page.close()
        return Session(result["cmi"], result["calls"])

    def relaunch_data(self, before: Session, **extra: Any) -> dict[str, Any]:
        """What an LMS hands the next launch: the suspended session's data."""
        cmi = before.cmi
        if self.version == "1.2":
            core = cmi["core"]
            resume = {"entry": "resume" if core["exit"] == "suspend" else ""}
            return {
                "suspend_data": cmi["suspend_data"],
                "core": {
                    "student_name": NAME,
                    "student_id": "ada",
                    **resume,
                    "lesson_location": core["lesson_location"],
                    "lesson_status": core["lesson_status"],
                },
                **extra,
            }
        return {
            **first_launch(self.version),  # the pass mark comes from the manifest every time
            "entry": "resume" if cmi["exit"] == "suspend" else "",
            "location": cmi["location"],
            "suspend_data": cmi["suspend_data"],
            **extra,
        }


def first_launch(version: str) -> dict[str, Any]:
    if version == "1.2":
        return {"core": {"student_name": NAME, "student_id": "ada"}}
    return {"learner_name": NAME, "learner_id": "ada", "scaled_passing_score": "0.8"}


@pytest.fixture(params=["1.2", "2004"])
def lms(request: pytest.FixtureRequest, browser: Browser, lms_url: str) -> Iterator[Lms]:
    opened = Lms(browser, lms_url, request.param)
    yield opened
    for context in opened.contexts:
        context.close()


def answer_scenario(frame: Frame, only: int | None = None) -> list[str]:
    """Answer the page's questions right (or only the first `only`), through the forms."""
    key = page_data(frame)["questions"]
    done = []
    for qid in list(key)[:only]:
        form = frame.locator(f"#vigil-q_{qid}")
        for value in (
            key[qid]["answer"][:1]
            if form.locator("input[type=radio]").count()
            else key[qid]["answer"]
        ):
            frame.locator(choice(f"vigil-q_{qid}", value)).check()
        form.locator(".vigil-check").click()
        expect(form).to_have_attribute("data-vigil-answered", "correct")
        done.append(qid)
    return done


COMPLETE = """d => {
  for (const m of d.modules) for (const s of m.scenarios) for (const q of s.questions)
    parent.VigilLMS.writeRaw(`vigil:v1:${d.course}:${s.id}:${q}`,
      JSON.stringify({v: 1, answer: ['x'], correct: true, t: 1}));
}"""


def take_assessment(frame: Frame, site: str, *, right: bool) -> list[str]:
    keys = start(frame)
    data = {**page_data(frame), **answer_key(site, keys)}
    for key in keys:
        answer(frame, data, key, right=right)
    frame.click(".vigil-a-submit")
    expect(frame.locator(".vigil-a-score")).to_be_visible()
    return keys


def status(lms: Lms, session: Session) -> dict[str, str]:
    cmi = session.cmi
    if lms.version == "1.2":
        return {"status": cmi["core"]["lesson_status"], **cmi["core"]["score"]}
    return {
        "completion": cmi["completion_status"],
        "success": cmi["success_status"],
        **cmi["score"],
    }


def test_a_course_run_through_the_lms(lms: Lms) -> None:
    """Launch, answer part of the course, close; relaunch elsewhere and find the progress;
    complete everything, pass the assessment, then fail it; close and read the record."""
    v12 = lms.version == "1.2"
    page = lms.launch(first_launch(lms.version))
    launcher = lms.launcher(page)
    expect(launcher.locator(".vigil-lms-note")).to_be_hidden()  # an LMS is there
    assert lms.course(page).url == lms.package + "index.html"
    home = page_data(lms.open(page, "course/index.html"))
    course = home["course"]
    other = home["modules"][1]["scenarios"][0]["url"]
    frame = lms.open(page, SCENARIO)
    answered = answer_scenario(frame)
    frame = lms.open(page, "course/" + other)
    partial = answer_scenario(frame, only=1)
    scenario_id = page_data(frame)["scenario"]
    typed = f"vigil:v1:{course}:{scenario_id}:{partial[0]}:~draft"
    assert frame.evaluate("([k]) => parent.VigilLMS.writeRaw(k, 'words I typed')", [typed])
    first = lms.close(page)

    assert first.count(API_METHODS[lms.version][0]) == 1, "one session per launch"
    assert first.count(API_METHODS[lms.version][1]) == 1, "ended when the course closed"
    assert first.errors() == []
    location = first.cmi["core"]["lesson_location"] if v12 else first.cmi["location"]
    assert location == "course/" + other
    exit_ = first.cmi["core"]["exit"] if v12 else first.cmi["exit"]
    assert exit_ == "suspend"
    time = first.cmi["core"]["session_time"] if v12 else first.cmi["session_time"]
    assert re.fullmatch(r"\d\d+:\d\d:\d\d\.\d\d" if v12 else r"PT\d+H\d+M[\d.]+S", time)
    assert status(lms, first)["status" if v12 else "completion"] == "incomplete"
    suspend = first.cmi["suspend_data"]
    assert 0 < len(suspend) <= 4096
    sent = json.dumps(first.calls)
    assert "words I typed" not in sent, "what was typed stays on this computer"
    assert "~draft" not in sent

    page = lms.launch(lms.relaunch_data(first))  # a fresh browser: another computer
    frame = lms.course(page)
    assert frame.url == lms.package + "course/" + other, "resumed where the learner left"
    frame.wait_for_selector(".vigil[data-vigil-ready]", state="attached")
    expect(frame.locator(f"#vigil-q_{partial[0]}")).to_have_attribute(
        "data-vigil-answered", "correct"
    )
    assert frame.evaluate("([k]) => parent.VigilLMS.readRaw(k)", [typed]) is None
    frame = lms.open(page, SCENARIO)
    for qid in answered:
        expect(frame.locator(f"#vigil-q_{qid}")).to_have_attribute("data-vigil-answered", "correct")
    progress = lms.open(page, "course/progress.html")
    expect(progress.locator("[data-vigil-status=gyro-question]")).to_contain_text("Done")

    progress.evaluate(COMPLETE, page_data(progress))
    frame = lms.open(page, "course/assessment.html")
    drawn = take_assessment(frame, lms.package, right=True)
    expect(frame.locator(".vigil-a-score")).to_contain_text("100%")
    cert = lms.open(page, "course/certificate.html")
    expect(cert.locator(".vigil-cert [data-vigil-cert=name]")).to_have_text("Ada Lovelace")
    frame = lms.open(page, "course/assessment.html")
    again = take_assessment(frame, lms.package, right=False)
    expect(frame.locator(".vigil-a-score")).to_contain_text("0%")
    final = lms.close(page)

    assert final.count(API_METHODS[lms.version][0]) == 1
    assert final.count(API_METHODS[lms.version][1]) == 1
    assert final.errors() == []
    got = status(lms, final)
    if v12:
        assert got == {"status": "passed", "raw": "100", "min": "0", "max": "100"}
    else:
        assert got == {
            "completion": "completed",
            "success": "passed",
            "scaled": "1",
            "raw": "100",
            "min": "0",
            "max": "100",
        }
        assert final.cmi["progress_measure"] == "1"
    interactions = final.interactions()
    assert len(interactions) == len(drawn) + len(again)
    wrong = "wrong" if v12 else "incorrect"
    expected = [(f"a1-{k}", "correct") for k in drawn] + [(f"a2-{k}", wrong) for k in again]
    assert [(i["id"], i["result"]) for _, i in sorted(interactions.items())] == expected
    response = "student_response" if v12 else "learner_response"
    latency = r"\d\d+:\d\d:\d\d\.\d\d" if v12 else r"PT\d+H\d+M[\d.]+S"
    for item in interactions.values():
        assert item["type"] in ("choice", "performance" if v12 else "other")
        assert item[response]
        if item["type"] == "choice" and v12:
            assert re.fullmatch(r"[0-9a-z](,[0-9a-z])*", item[response])
        assert re.fullmatch(latency, item["latency"])
    assert len(final.cmi["suspend_data"]) <= 4096

    third = lms.launch(lms.relaunch_data(final))
    frame = lms.open(third, "course/progress.html")
    expect(frame.locator("[data-vigil-assessment-status]")).to_contain_text("passed")
    expect(frame.locator("[data-vigil-certificate-status]")).to_have_text(
        "Earned: print it from the certificate page"
    )
    lms.close(third)

    outside = [u for u in lms.requests if not u.startswith(lms.package)]
    assert all(
        u == lms.url + "host.html" or u.startswith(lms.url + "scorm-again/") for u in outside
    ), outside
    assert lms.problems == []


def test_the_lms_pass_mark_is_followed_in_scorm_2004(browser: Browser, lms_url: str) -> None:
    """An LMS that asks for more than the course's pass mark gets a fail for a course pass."""
    lms = Lms(browser, lms_url, "2004")
    initial = {**first_launch("2004"), "scaled_passing_score": "0.9"}
    page = lms.launch(initial)
    frame = lms.open(page, "course/index.html")
    attempt = {
        "seed": 1,
        "t": 1,
        "date": "2026-01-05",
        "score": 88,
        "correct": 8,
        "total": 9,
        "passed": True,
    }
    frame.evaluate(
        "([k, v]) => parent.VigilLMS.writeRaw(k, JSON.stringify(v))",
        [
            f"vigil:v1:{page_data(frame)['course']}:@assessment",
            {"v": 1, "attempts": [attempt], "current": None},
        ],
    )
    done = lms.close(page)
    assert (done.cmi["success_status"], done.cmi["score"]["raw"]) == ("failed", "88")
    assert done.errors() == []
    for context in lms.contexts:
        context.close()


def test_without_an_lms_the_package_says_so_and_keeps_progress_here(
    page: Page, lms_url: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    package = lms_url + "scorm12/"
    page.goto(package + LAUNCHER)
    note = page.locator(".vigil-lms-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("No learning management system")
    expect(note).to_have_attribute("role", "status")
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    frame = page.frame_locator(".vigil-lms-frame")
    expect(frame.locator("body")).to_be_attached()
    course = next(f for f in page.frames if f.url.startswith(package) and f != page.main_frame)
    course.goto(package + SCENARIO)
    course.wait_for_selector(".vigil[data-vigil-ready]", state="attached")
    done = answer_scenario(course, only=1)
    keys = page.evaluate("Object.keys(localStorage)")
    assert any(k.endswith(":gyro-question:" + done[0]) for k in keys)
    page.reload()
    course = next(f for f in page.frames if f.url.startswith(package) and f != page.main_frame)
    course.goto(package + SCENARIO)
    course.wait_for_selector(".vigil[data-vigil-ready]", state="attached")
    expect(course.locator(f"#vigil-q_{done[0]}")).to_have_attribute(
        "data-vigil-answered", "correct"
    )
    assert errors == []
