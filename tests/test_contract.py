"""The quiz engine reads the page data by the names `vigil.render.contract` gives them."""

from __future__ import annotations

import re
import typing

from conftest import inline_engine
from vigil.questions.registry import kind_scripts
from vigil.render import contract

FIELDS = {
    name
    for value in vars(contract).values()
    if typing.is_typeddict(value)
    for name in typing.get_type_hints(value)
}
# The engine's own variables holding contract objects, and the JavaScript members they share.
HOLDERS = r"(?:data|info|assessment|bank|module|scenario|q)"
JS_MEMBERS = {"forEach", "length", "indexOf", "slice", "filter", "map", "some", "every"}


def test_every_field_the_engine_reads_is_in_the_contract() -> None:
    script = inline_engine(kind_scripts()).decode()
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)  # comments name files
    read = set(re.findall(rf"\b{HOLDERS}\.([A-Za-z_]\w*)", script)) - JS_MEMBERS
    assert read <= FIELDS, f"the engine reads names the contract does not have: {read - FIELDS}"


def test_the_contract_has_no_camel_case_twins() -> None:
    assert not [name for name in FIELDS if re.search(r"[a-z][A-Z]", name)]
