"""The course's instructor-side tools, run as scripts from the repository root
(``python tools/NAME.py``); a package only so that the tests can import them."""
