"""sojourn: entry, stay, registration and permit rules as dated, sourced data, and answers."""

__version__ = "0.1.0"
