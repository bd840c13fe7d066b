"""Answer-quality evaluation: gold set, metrics, dense baseline and the `inspectbot eval` report."""
