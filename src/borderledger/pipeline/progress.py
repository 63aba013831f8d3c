"""Progress callbacks shared by the pipeline's long jobs."""

from collections.abc import Callable

Progress = Callable[[int, int], None]  # (done, total)
