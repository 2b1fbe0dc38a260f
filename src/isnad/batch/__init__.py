"""Running the pipeline over many documents: progress on a terminal, worker processes, Dask."""
