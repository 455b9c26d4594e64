"""Running the per-student grading jobs on a Dask distributed cluster (`grade-all --scheduler`).

Each job is `autograder.grading.grade_one(course_root, assignment, student)` (or `feedback_one`):
it grades one submission completely (nbgrader, verification) against the course's gradebook, so
any Dask worker that can see the course folder and its gradebook can run it. ``"local"`` starts a
``LocalCluster`` (one single-threaded worker process per core) for the duration of the run.
"""
import os


def run_on_dask(scheduler, function, course_root, jobs):
    """Yield ``(job, result)`` as the cluster finishes the jobs, in completion order."""
    from distributed import Client, LocalCluster, as_completed
    from .grading import _job_failed

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="30s")
    try:
        futures = {client.submit(function, course_root, assignment, student, pure=False,
                                 key=f"{function.__name__}-{assignment}-{student}"): (assignment, student)
                   for assignment, student in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except Exception as exc:  # the worker running it died or the job was lost
                yield job, _job_failed(function, job, f"grading failed on the cluster: "
                                                      f"{type(exc).__name__}: {exc}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
