"""What a catalogue entry is, and how its variant of the reference solution is built.

A :class:`Mistake` is one idea students get wrong in one graded function: a short ``id``, a
one-line ``name``, a ``hint`` that points to the idea without giving code, and the *variant*,
the reference solution with the mistake made. The variant is written either as ``edits`` (text
replacements applied to the reference solution's own cell, for a small change) or as a whole
``source`` (a ``def`` of the function); ``also`` holds other ways of writing the same mistake
that give other results (each its own edits). Variants are the instructor's code: they run in the
grader's process, never in a student's.
"""
import functools
import importlib
from dataclasses import dataclass

from .. import course
from ..cells import cell_by_id, strip_solution_markers
from ..references import reference_namespace


@dataclass(frozen=True)
class Mistake:
    """One catalogue entry.

    id -- a short slug, unique within the assignment (``"he-fan-out"``)
    name -- one line naming the mistake ("He scaling by the layer's own size")
    hint -- one or two sentences pointing to the idea, without code or hidden values
    edits -- ``((old, new), ...)``: replacements applied in order to the reference cell's source;
             each ``old`` must occur in it
    source -- the whole variant (a ``def``), instead of ``edits``
    also -- ``(edits, ...)``: more variants of the same mistake, each as ``edits`` above
    """
    id: str
    name: str
    hint: str
    edits: tuple = ()
    source: str = ""
    also: tuple = ()

    def variants(self):
        """One entry per way of writing the mistake (this one without ``also``, then one per
        item of ``also``), all with this id, name and hint."""
        return [Mistake(self.id, self.name, self.hint, self.edits, self.source)] + [
            Mistake(self.id, self.name, self.hint, edits) for edits in self.also]

    @property
    def text(self):
        """What the student reads: fixed catalogue prose, never a value."""
        return f"This looks like: {self.name}. Hint: {self.hint}"


def _pairs(edits):
    return tuple(tuple(e) for e in edits)


def mistake(id, name, hint, *edits, source="", also=()):
    """A :class:`Mistake`; ``edits`` as ``(old, new)`` pairs, ``also`` a list of such lists."""
    return Mistake(id, name, hint, _pairs(edits), source, tuple(_pairs(a) for a in also))


def catalogue(assignment):
    """``{function: [Mistake, ...]}`` of an assignment (``{}`` if it has no catalogue)."""
    try:
        module = importlib.import_module(f"{__package__}.{assignment}")
    except ModuleNotFoundError:
        return {}
    return module.MISTAKES


@functools.lru_cache(maxsize=64)
def reference_source(assignment, function):
    """The reference solution's cell of one graded function, solution markers removed."""
    nb = course.source_notebook(assignment)
    return strip_solution_markers(cell_by_id(nb, function).source)


class BadEdit(ValueError):
    """A catalogue edit whose text is not in the reference solution (the notebook changed)."""


def variant_source(assignment, function, entry):
    """The source code of ``entry``'s variant of ``function``."""
    if entry.source:
        return entry.source
    source = reference_source(assignment, function)
    for old, new in entry.edits:
        if old not in source:
            raise BadEdit(f"{assignment}.{function} [{entry.id}]: {old!r} is not in the reference")
        source = source.replace(old, new)
    return source


def _silent(*args, **kwargs):
    """``print`` for code run by the diagnosis: the grader's output stays clean."""


@functools.lru_cache(maxsize=16)
def _reference(assignment):
    namespace = reference_namespace(assignment)
    namespace["print"] = _silent
    return namespace


def reference_functions(assignment):
    """A fresh copy of the reference solution's namespace (its functions, its imports), where
    ``print`` prints nothing."""
    return dict(_reference(assignment))


def variant_function(assignment, function, entry):
    """``(function, namespace)``: the variant, defined in its own copy of the reference namespace
    (so it calls the reference's helpers, and a case's ``patch_globals`` reach it)."""
    namespace = reference_functions(assignment)
    exec(compile(variant_source(assignment, function, entry),
                 f"<variant {entry.id} of {function}>", "exec"), namespace)
    return namespace[function], namespace
