"""Instructor-side grading tools of the course: ``python -m autograder --help``.

- ``assignments``  where each assignment's files live, and which assignments exist
- ``authoring``    the conventions of the course's notebooks (cells, grade ids)
- ``cases/``       inputs of the graded functions' visible and hidden tests
- ``references``   expected values generated from the reference solutions
- ``hidden``       what a hidden test cell calls while grading
- ``samples/``     other correct and wrong implementations of each graded function
- ``submissions``  turns implementations into submission notebooks
- ``grading``      nbgrader, driven per notebook and per student
- ``cli``          the command line
"""
