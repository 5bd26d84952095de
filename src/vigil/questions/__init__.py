"""Question kinds: each a model, rules, choices, template and script, found through one registry.

Adding a kind is a module (with its .html.j2 and .js beside it) and one line in `builtin.py`.
"""
