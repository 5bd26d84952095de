"""The quiz engine that runs in the learner's browser: vanilla JS and CSS, joined at build time."""
