"""Vigil: YAML comment-thread scenarios into a counter-elicitation awareness course."""

from vigil.problems import Problem, Severity

__all__ = ["Problem", "Severity", "__version__"]
__version__ = "0.1.0"
