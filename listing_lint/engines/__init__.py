"""Engines that run the same rules over a catalog read in parts (`check --engine dask`).

`partitions` plans the parts of each input (byte ranges of a CSV, row groups of a Parquet
file, a whole file otherwise) and reads one; `partitioned` lints parts, groups listings for
catalog rules across parts and merges the findings in the single-process engine's order;
`dask` runs those steps as tasks on a Dask cluster. No rule knows which engine runs it.
"""
