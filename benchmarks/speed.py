"""Speed and memory of brochure on this machine, for the sample leaflet: prints the figures.

Run from the repository root:  python benchmarks/speed.py  [--runs 9] [--rows 200]

Not a test: the figures depend on the machine and its load. Each time is printed beside the same
work done by the peer, plain ReportLab code that sets the same leaflet (benchmarks/peer.py),
measured in the same run, with the ratio brochure / peer. Targets (2-core machine): a cold office
build and a warm one at most the peer's time, a cold phone build at most the office build's,
< 6 ms per leaflet per edition in a batch, < 60 MB for one build, any language's
hyphenation patterns ready in < 50 ms.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "content.yaml"
TARGET_PER_LEAFLET_MS = 6.0
TARGET_MEMORY_MB = 60.0
TARGET_PATTERNS_MS = 50.0
#: The languages whose hyphenation patterns are timed (German's are the largest).
PATTERN_LANGUAGES = ("nl", "en", "de", "fr", "pl", "tr", "uk")
SCHOOLS = ("De Regenboog", "Het Baken", "De Wilgenhoek", "Montessori Oost", "Het Kompas", "De Linde")


def main(argv: Sequence[str] | None = None) -> None:
    options = _options(argv)
    from brochure.editions import EDITIONS

    editions = tuple(EDITIONS)
    runs = options.runs
    with tempfile.TemporaryDirectory(prefix="brochure-bench-") as folder:
        work = Path(folder)
        template, data = _personalised_sample(work, options.rows)
        print(_machine())
        _compile_bytecode()
        startup, startup_cpu = _median_wall([sys.executable, "-c", "pass"], runs)
        _line(
            "python start-up alone",
            startup * 1000,
            "ms",
            f"median of {runs} runs; CPU {startup_cpu * 1000:.0f} ms",
        )
        plain = _without_qr_codes(work)
        office, peer, no_qr, phone = _interleaved(
            [
                _command("build", str(SAMPLE), "-e", "print", "-o", str(work / "cold"), "-q"),
                [sys.executable, str(ROOT / "benchmarks" / "peer.py"), str(SAMPLE), str(work / "peer.pdf")],
                _command("build", str(plain), "-e", "print", "-o", str(work / "plain"), "-q"),
                _command("build", str(SAMPLE), "-e", "phone", "-o", str(work / "phone"), "-q"),
            ],
            runs,
        )
        _line("cold `brochure build` (office)", office[0] * 1000, "ms", f"CPU {office[1] * 1000:.0f} ms")
        _line("  peer: plain ReportLab, cold", peer[0] * 1000, "ms", f"CPU {peer[1] * 1000:.0f} ms")
        _ratio("  cold office build / peer", office[1], peer[1], "CPU time")
        _line("  the same without QR codes", no_qr[0] * 1000, "ms", f"CPU {no_qr[1] * 1000:.0f} ms")
        _line("cold `brochure build -e phone`", phone[0] * 1000, "ms", f"CPU {phone[1] * 1000:.0f} ms")
        _ratio("  cold phone build / office build", phone[1], office[1], "CPU time", "the office build")
        warm, peer_warm = _warm_office(), _warm_peer()
        _line("warm office rebuild, in process", warm * 1000, "ms", "loaded anew; the engine's caches kept")
        _line("  peer: plain ReportLab, warm", peer_warm * 1000, "ms")
        _ratio("  warm office rebuild / peer", warm, peer_warm, "CPU time")
        anew = _warm_office(kept=False)
        _line("  paragraphs set anew", anew * 1000, "ms", "their preparation and line breaking not kept")
        _ratio("  the same / peer", anew, peer_warm, "CPU time")
        fresh, cached = _in_process(template, data, editions, min(options.rows, 50))
        _line("one leaflet, warm, nothing reused", fresh * 1000 / len(editions), "ms", "per edition")
        per = cached * 1000 / len(editions)
        note = f"{len(editions)} edition(s), 1 process; {_verdict(per, TARGET_PER_LEAFLET_MS)}"
        _line("batch: per leaflet per edition", per, "ms", note)
        _ratio("  batch row per edition / peer", per / 1000, peer_warm, "CPU time")
        for jobs in sorted({1, _cores()}):
            command = _command("build", str(template), "--data", str(data), "-q", "-j", str(jobs))
            wall = min(_wall(command) for _ in range(3))
            note = f"{options.rows} rows in {wall:.2f} s, whole command, {jobs} process(es), best of 3"
            _line(f"batch of {options.rows}, -j {jobs}", options.rows / wall, "rows/s", note)
        ours, pyphens, language = _patterns()
        _line(f"hyphenation patterns, slowest ({language})", ours * 1000, "ms", "fresh process, first word")
        _line("  peer: pyphen's own reading", pyphens * 1000, "ms", "the same language, fresh process")
        _line("  patterns / pyphen's", ours / pyphens, "×", _verdict(ours * 1000, TARGET_PATTERNS_MS))
        peak_rss, traced = _memory(work)
        verdict = _verdict(peak_rss, TARGET_MEMORY_MB)
        _line("peak memory of one build", peak_rss, "MB", f"max RSS, print and phone; {verdict}")
        _line("  of which Python allocations", traced, "MB", "tracemalloc peak, imports included")
        peak_rss, _ = _memory(work, "print")
        _line("  the office edition alone", peak_rss, "MB", _verdict(peak_rss, TARGET_MEMORY_MB))
        for pdf in sorted((work / "mem").glob("*.pdf")):
            _line(f"output size, {pdf.name}", pdf.stat().st_size / 1024, "kB")
        print(f"at the end{_load()}")


def _line(label: str, value: float, unit: str, note: str = "") -> None:
    print(f"{label:<34}{value:8.1f} {unit:<15}{note}")


def _ratio(label: str, ours: float, peer: float, what: str, than: str = "the peer") -> None:
    """brochure's time over the peer's: below 1 is faster than plain ReportLab."""
    verdict = f"at most {than}: met" if ours <= peer else f"at most {than}: NOT met"
    print(f"{label:<34}{ours / peer:8.2f} ×{'':<14}{what}; {verdict}")


def _warm_office(*, kept: bool = True) -> float:
    """Seconds for the sample's office edition in a warm process, loaded anew (what `watch` and
    `serve` pay for a rebuild); unless `kept`, every paragraph is prepared and broken anew."""
    from brochure.layout.breaking import break_lines
    from brochure.layout.setting import prepare_plain
    from brochure.load.content import load
    from brochure.pipeline import build_content

    def run() -> None:
        if not kept:
            break_lines.cache_clear()
            prepare_plain.cache_clear()
        build_content(*load(SAMPLE), ("print",))

    run()
    return _best(run, 5)


def _warm_peer() -> float:
    """Seconds for the peer's office edition in a warm process."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import peer

    peer.build(SAMPLE)
    return _best(lambda: peer.build(SAMPLE), 5)


def _options(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=9, help="whole-process runs per median (default 9)")
    parser.add_argument("--rows", type=int, default=200, help="rows of the batch (default 200)")
    return parser.parse_args(argv)


def _machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in _cpuinfo() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    import reportlab

    return (
        f"machine: {_cores()} cores ({cpu}), Python {platform.python_version()}, "
        f"ReportLab {reportlab.Version}, {platform.system()}{_load()}"
    )


def _load() -> str:
    """The machine's load (other work slows every figure, the peer's alike)."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f"; load average {one:.2f} (1 min), {five:.2f} (5 min)"


def _compile_bytecode() -> None:
    """Compile the package's bytecode, as installing it does. From a clone, with
    PYTHONDONTWRITEBYTECODE set (as on some machines), every cold run would otherwise compile
    every module again: about 70 ms more per run here, which no user of an installed copy pays."""
    compileall.compile_dir(ROOT / "brochure", quiet=1)


def _cpuinfo() -> list[str]:
    try:
        return Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return []


def _cores() -> int:
    from brochure.batch.rows import default_jobs

    return default_jobs()


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "brochure", *args]


def _wall(command: list[str]) -> float:
    return _timed(command)[0]


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _median_wall(command: list[str], runs: int) -> tuple[float, float]:
    """Medians of the wall and CPU times of `runs` whole processes (after one to warm caches)."""
    return _interleaved([command], runs)[0]


def _interleaved(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Medians of the wall and CPU times of each command, run in turn `runs` times (after one
    round to warm caches), so that commands compared with each other share the machine's load."""
    rounds = [[_timed(command) for command in commands] for _ in range(runs + 1)][1:]
    return [
        (statistics.median(r[i][0] for r in rounds), statistics.median(r[i][1] for r in rounds))
        for i in range(len(commands))
    ]


def _personalised_sample(folder: Path, rows: int) -> tuple[Path, Path]:
    """The sample leaflet with the school and its contact person on the back, and `rows` rows."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("  organisation: Preventiewerkgroep\n", '  organisation: "{{ school.name }}"\n')
    contact = (
        "      - callout:\n          title: Vragen? Praat erover.\n"
        '          text: "Bel {{ contact.name }} van {{ school.name }}: {{ contact.phone }}."\n'
    )
    text = text.replace("      - heading: Meer weten?\n", "      - heading: Meer weten?\n" + contact)
    template = folder / "content.yaml"
    template.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "assets", folder / "assets")
    data = folder / "schools.csv"
    with data.open("w", newline="", encoding="utf-8") as stream:
        table = csv.writer(stream, delimiter=";")
        table.writerow(["school.slug", "school.name", "contact.name", "contact.phone"])
        for n in range(rows):
            name = f"{SCHOOLS[n % len(SCHOOLS)]} {n + 1}"
            table.writerow([name.lower().replace(" ", "-"), name, f"juf Anna {n}", f"06-{55500000 + n}"])
    return template, data


def _without_qr_codes(folder: Path) -> Path:
    """The sample without its QR codes (its source list has them): a leaflet that needs no encoder."""
    text = SAMPLE.read_text(encoding="utf-8")
    plain = folder / "plain.yaml"
    plain.write_text(text.replace("qr: true", "qr: false"), encoding="utf-8")
    return plain


def _in_process(template: Path, data: Path, editions: tuple[str, ...], rows: int) -> tuple[float, float]:
    """Seconds for one leaflet (all editions) with nothing reused, and per leaflet in a batch."""
    from brochure.layout.reuse import PanelCache
    from brochure.load.content import load_template
    from brochure.load.data import read_data
    from brochure.pipeline import build_content

    values = [row.values for row in read_data(data).rows[:rows]]
    parsed = load_template(template)

    def fresh() -> None:
        build_content(*load_template(template).fill(values[0]), editions)

    reuse = PanelCache()

    def batch() -> None:
        for row in values:
            build_content(*parsed.fill(row), editions, reuse=reuse)

    fresh()  # fonts, hyphenation patterns: once per process, not per leaflet
    batch()
    return _best(fresh, 5), _best(batch, 3) / len(values)


def _best(run: Callable[[], None], times: int) -> float:
    """The least CPU time of a few runs of this process (builds run in one thread): the figure
    least disturbed by other work on the machine."""
    timings = []
    for _ in range(times):
        started = time.process_time()
        run()
        timings.append(time.process_time() - started)
    return min(timings)


#: The peak resident memory of this process image, in kilobytes. On Linux from /proc (VmHWM):
#: `ru_maxrss` keeps the peak from before `exec`, and a child forked from a large parent (this
#: benchmark, after its in-process builds) would report the parent's size.
PEAK_RSS_KB = """
try:
    status = open("/proc/self/status").read()
    print(int(status.split("VmHWM:")[1].split()[0]))
except (OSError, IndexError):
    import resource
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _memory(folder: Path, *editions: str) -> tuple[float, float]:
    """Peak resident memory of a whole `brochure build` process (default editions unless named),
    as the command runs it (`own_process`: without the garbage collector), and the peak of its
    Python allocations (imports included). Two processes: tracing every
    allocation costs memory of its own (about 20 MB of RSS here), so the resident figure is
    taken without it."""
    chosen = [arg for edition in editions for arg in ("-e", edition)]
    arguments = ["build", str(SAMPLE), *chosen, "-o", str(folder / "mem"), "-q"]
    build = f"from brochure.cli.main import main\nmain({arguments!r}, own_process=True)\n"
    resident = build + PEAK_RSS_KB
    traced = f"import tracemalloc\ntracemalloc.start()\n{build}print(tracemalloc.get_traced_memory()[1])\n"
    rss_kb, peak = (
        subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout.split()[-1]
        for probe in (resident, traced)
    )
    return int(rss_kb) / 1024, int(peak) / 1e6


def _patterns() -> tuple[float, float, str]:
    """CPU seconds for the slowest of PATTERN_LANGUAGES to hyphenate its first word in a fresh
    process (reading its patterns included), pyphen's own reading of the same language's
    dictionary, and that language."""

    def seconds(code: str) -> float:
        found = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True
        )
        return float(found.stdout)

    ours = {
        language: min(
            seconds(
                "import time; from brochure.resolve.hyphenation import Hyphenator;"
                f"h = Hyphenator({language!r}); t = time.process_time(); h('verantwoordelijkheid');"
                "print(time.process_time() - t)"
            )
            for _ in range(3)
        )
        for language in PATTERN_LANGUAGES
    }
    slowest = max(ours, key=ours.__getitem__)
    pyphens = min(
        seconds(
            "import time, pyphen; t = time.process_time();"
            f"pyphen.Pyphen(lang={slowest!r}).inserted('verantwoordelijkheid');"
            "print(time.process_time() - t)"
        )
        for _ in range(3)
    )
    return ours[slowest], pyphens, slowest


def _verdict(value: float, target: float) -> str:
    return f"target < {target:g}: {'met' if value < target else 'NOT met'}"


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
