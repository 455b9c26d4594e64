"""Instructor-side grading tools of the course: ``python -m autograder --help``.

One submission's way, module by module (docs/instructor_guide.md, "How grading works"):

- ``course``        paths, limits, and each assignment as one frozen ``Assignment``
- ``intake``        a submitted notebook file: where it should be, and readable
- ``nbgrader_run``  nbgrader's configuration, its pass in the student's kernel, its gradebook
- ``verify``        the verification pass, outside the kernel (child: ``verify_worker``)
- ``policy``        both passes in, final scores out
- ``report``        the typed grade report and its JSON
- ``grading``       one submission from folder to saved report
- ``batch``         every submission: worker pool or Dask
- ``feedback``      one submission's feedback page
- ``tables``        reports as text on the terminal
- ``cli``           the command line (``demo``: the README's main job)

The rest: ``cells`` (every rule about notebook cells), ``authoring`` (writing cells),
``cases/`` and ``references`` (test inputs and expected values), ``hidden`` and ``checks``
(what a test cell runs), ``properties/`` (checks that are not value comparisons),
``samples/`` and ``submissions`` (other implementations, made into notebooks), ``site`` and
``templates/`` (the solutions site, the shared stylesheet), ``launcher`` and ``kernels``
(forked grading processes), ``preprocessors`` (nbgrader plug-ins), ``execution``,
``progress``.
"""
