"""Précis: article extraction, extractive summarization and metadata.

Importing the package is cheap on purpose (cold starts): submodules are imported where used.
"""

__version__ = "0.1.0"
