"""`listing-audit batch`: many listings in one run, on this machine or on a Dask cluster, one portfolio."""
