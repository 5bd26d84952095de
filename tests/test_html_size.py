"""Built pages lose the theme's indentation and nothing else."""

from __future__ import annotations

from vigil.engine.html_size import drop_indentation


def test_indentation_and_blank_lines_go() -> None:
    html = (
        "<nav>\n    <ul>\n\n      <li>\n        <a href=x>One</a>\n      </li>\n    </ul>\n</nav>\n"
    )
    assert drop_indentation(html) == "<nav>\n<ul>\n<li>\n<a href=x>One</a>\n</li>\n</ul>\n</nav>\n"


def test_words_stay_apart() -> None:
    assert drop_indentation("<p>one\n      two <b>three</b>\n   four</p>") == (
        "<p>one\ntwo <b>three</b>\nfour</p>"
    )


def test_preformatted_script_and_style_blocks_are_kept_byte_for_byte() -> None:
    blocks = [
        "<pre><code>def f():\n    return 1\n\n</code></pre>",
        '<script>\n  var s = "  two  spaces";\n</script>',
        "<style>\n  .a { color: red }\n</style>",
        "<TEXTAREA>\n  typed\n</TEXTAREA >",
    ]
    for block in blocks:
        html = f"<div>\n    <p>before</p>\n  {block}\n    <p>after</p>\n</div>"
        squeezed = drop_indentation(html)
        assert block in squeezed
        assert squeezed == f"<div>\n<p>before</p>\n{block}\n<p>after</p>\n</div>"
