"""Output targets: what a built course is delivered as. One module per target, one registry."""
