"""The verification pass's child process: run a student's solution cells, call the graded
functions on the test inputs, write back plain values. Never imported by the grader itself.

    python -m autograder.verify_worker JOB_DIR

(usually forked by the launcher instead, autograder.launcher, which calls `run_job`).

``JOB_DIR/job.json`` holds ``{"assignment": name, "cells": [source, ...], "functions": [name,
...], "seconds_per_function": s, "memory_mb": m, "inputs": path, "hide": [folder, ...]}``; the
inputs file is a case file whose expected values are all ``None``: this process never sees a
reference value, and the ``hide`` folders (the instructor's files) look empty to it.

For each function, in order, the worker appends ``start <name>`` to ``JOB_DIR/progress``, writes
``JOB_DIR/<name>.h5`` (a case file: first one entry per input case, whose ``expected`` holds
what the function returned or whose options hold ``error``; then one entry per property check
of autograder.checks, labelled with the property, whose options hold ``error`` if it failed),
then appends ``done <name>``. The property checks are looked up before any student code runs,
so a solution cell cannot replace them here. If the process dies or is killed,
the grader knows from ``progress`` which function was running and starts a new worker for the
rest. Values travel as HDF5 (dlcourse.casefile), never as pickles.
"""
import json
import os
import signal
import sys
import traceback


class _Timeout(BaseException):
    pass


def _limit_resources(memory_mb):
    import resource
    if memory_mb:
        limit = int(memory_mb) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _hide_folders(folders):
    """Make each folder look empty to this process (and what it starts): a private mount
    namespace with an empty read-only tmpfs over each one. The instructor's files (hidden
    expected values, reference solutions, other students' graded notebooks) then cannot be read
    by the code under test. Needs root or unprivileged user namespaces (Linux); returns whether
    the folders are hidden."""
    import ctypes
    folders = [f for f in folders if os.path.isdir(f)]
    if not folders or not sys.platform.startswith("linux"):
        return not folders
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newns, clone_newuser = 0x00020000, 0x10000000
    ms_rdonly, ms_rec, ms_private = 1, 1 << 14, 1 << 18
    uid, gid = os.getuid(), os.getgid()
    if libc.unshare(clone_newns) != 0:
        if libc.unshare(clone_newuser | clone_newns) != 0:
            return False
        try:  # keep our own uid and gid inside the new user namespace
            for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                               ("gid_map", f"{gid} {gid} 1")):
                with open(f"/proc/self/{name}", "w") as f:
                    f.write(text)
        except OSError:
            return False
    if libc.mount(None, b"/", None, ms_rec | ms_private, None) != 0:
        return False
    hidden = True
    for folder in folders:
        if libc.mount(b"tmpfs", os.fsencode(folder), b"tmpfs", ms_rdonly, b"size=4k") != 0:
            hidden = False
    return hidden


def _silence_output():
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = open(os.devnull, "w")
    sys.stderr = open(os.devnull, "w")


def _describe(exc):
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def main(job_dir):
    with open(os.path.join(job_dir, "job.json")) as f:
        job = json.load(f)
    progress = open(os.path.join(job_dir, "progress"), "a", buffering=1)
    _limit_resources(job.get("memory_mb"))
    _silence_output()

    from dlcourse.casefile import Case, load_cases, save_cases
    from dlcourse.testing import call_case, checked_part
    from autograder import checks

    inputs = load_cases(job["inputs"])
    # Everything the property checks need, looked up now, before any student code runs, into
    # tuples it cannot change: replacing a check in its module or in sys.modules, or a method
    # of checks.Property, changes nothing here.
    plan = tuple((name, tuple((p.label, p.resolve(), tuple(p.needs), tuple(p.kwargs.items()))
                              for p in checks.properties(job["assignment"], name)))
                 for name in job["functions"])
    progress.write(f"hidden {_hide_folders(job.get('hide', []))}\n")
    namespace = {"__name__": "__main__"}
    for source in job["cells"]:
        try:
            exec(compile(source, "<solution cell>", "exec"), namespace)
        except BaseException:  # a broken cell must not stop the others (sys.exit included)
            pass

    def on_alarm(signum, frame):
        raise _Timeout()

    signal.signal(signal.SIGALRM, on_alarm)
    seconds = int(job.get("seconds_per_function", 60))
    for name, properties in plan:
        progress.write(f"start {name}\n")
        results = []
        function = namespace.get(name)
        for case in inputs.get(name, []):
            out = Case(label=case.label)
            if not callable(function):
                out.options = {"error": f"{name} is not defined by its solution cell"}
            else:
                signal.alarm(seconds)
                try:
                    # items the case does not compare are dropped (any value is accepted there,
                    # even one a case file cannot hold)
                    out.expected = checked_part(call_case(function, case), case.options)
                except _Timeout:
                    out.options = {"error": f"timed out after {seconds} s", "timed_out": True}
                except BaseException as exc:
                    out.options = {"error": f"raised {_describe(exc)}"}
                finally:
                    signal.alarm(0)
            results.append(out)
        for label, check, needs, kwargs in properties:
            out = Case(label=label, options={})
            missing = [n for n in needs if not callable(namespace.get(n))]
            if missing:
                out.options = {"error": f"{missing[0]} is not defined by its solution cell"}
                results.append(out)
                continue
            signal.alarm(seconds)
            try:
                check(*(namespace[n] for n in needs), **dict(kwargs))
            except _Timeout:
                out.options = {"error": f"timed out after {seconds} s", "timed_out": True}
            except BaseException as exc:
                out.options = {"error": _describe(exc)}
            finally:
                signal.alarm(0)
            results.append(out)
        path = os.path.join(job_dir, f"{name}.h5")
        try:
            save_cases(path, {name: results})
        except Exception as exc:
            kinds = ", ".join(sorted({type(r.expected).__name__ for r in results}))
            save_cases(path, {name: [Case(label=r.label, options={
                "error": f"returned a value that cannot be checked ({kinds}): {_describe(exc)}"})
                for r in results]})
        progress.write(f"done {name}\n")
    progress.close()
    os._exit(0)  # skip interpreter teardown: a student's atexit hook cannot change anything


def run_job(job_dir):
    """Run the job; never returns (the process ends with status 0, or 3 on the grader's own
    error)."""
    try:
        main(job_dir)
    except BaseException:
        traceback.print_exc()
        os._exit(3)


if __name__ == "__main__":
    run_job(sys.argv[1])
