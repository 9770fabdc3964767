"""Batch evaluation of whole crossing logs: columnar (Polars) and distributed (Dask)."""
