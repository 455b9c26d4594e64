import atexit
import os
import sys

from .cli import main

code = main()
# Exit without the interpreter's final clean-up of every module: with nbgrader, nbformat and
# their schemas loaded that takes most of a second and does nothing a finished command needs.
# Streams are flushed and every atexit handler (temporary folders, child processes) still runs.
sys.stdout.flush()
sys.stderr.flush()
atexit._run_exitfuncs()
os._exit(code or 0)
