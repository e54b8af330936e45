"""``@frozen_dataclass`` makes the class ``@dataclass(frozen=True)`` makes: the same fields,
signature, documentation, repr, equality, hash and refusals, for the test classes here and
for every class of the workbench that uses it (checked against ``dataclasses`` itself)."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pkgutil
from dataclasses import FrozenInstanceError, field

import pytest

import workbench
from workbench import records
from workbench.records import frozen_dataclass


def both(body: dict, name: str = "Rec") -> tuple[type, type]:
    """The class of ``body`` made by dataclasses and by frozen_dataclass (a fresh copy each)."""
    made = []
    for decorate in (dataclasses.dataclass(frozen=True), frozen_dataclass):
        namespace = {k: fresh(v) for k, v in body.items()}
        namespace.update(__module__=__name__, __qualname__=name)
        made.append(decorate(type(name, (), namespace)))
    return made[0], made[1]


def made_here(cls: type) -> bool:
    return getattr(cls.__eq__, "__code__", None) is not None and cls.__eq__.__code__.co_filename == records.__file__


def fresh(value):
    """A copy of a class body's value that a decorator may change (a field, the annotations)."""
    if isinstance(value, dataclasses.Field):
        return field(default=value.default, default_factory=value.default_factory, init=value.init,
                     repr=value.repr, hash=value.hash, compare=value.compare, kw_only=value.kw_only)
    return dict(value) if isinstance(value, dict) else value


BODIES = {
    "plain": {"__annotations__": {"a": "int", "b": "str"}},
    "defaults": {"__annotations__": {"a": "int", "b": "float", "c": "tuple"}, "b": 2.5, "c": ()},
    "factory": {"__annotations__": {"a": "int", "extra": "dict", "items": "list"},
                "extra": field(default_factory=dict, compare=False), "items": field(default_factory=list)},
    "no compare, no repr, hash": {"__annotations__": {"a": "int", "b": "object", "c": "int"},
                                  "b": field(default=None, compare=False, repr=False), "c": field(default=0, hash=False)},
    "one field": {"__annotations__": {"a": "float"}},
    "no fields": {},
    "documented": {"__doc__": "A record.", "__annotations__": {"a": "int"}, "a": 1},
    "a method": {"__annotations__": {"a": "int"}, "twice": lambda self: 2 * self.a},
}
ARGS = {"plain": [(1, "x"), (1, "y"), (2, "x")], "defaults": [(1,), (1, 2.5, ()), (1, 3.0)],
        "factory": [(1,), (1, {"k": 1}), (1, {}, [2])], "no compare, no repr, hash": [(1,), (1, "b"), (1, None, 5)],
        "one field": [(1.0,), (float("nan"),), (2.0,)], "no fields": [()], "documented": [(), (2,)],
        "a method": [(3,), (4,)]}


def outcome(function, *args):
    """What a call gives: its value, or its error's type and message."""
    try:
        return function(*args)
    except Exception as error:   # noqa: BLE001 (the error is the outcome compared)
        return type(error).__name__, str(error)


def behaviour(cls: type, args: list[tuple]) -> dict:
    before = str(inspect.signature(cls)), dict(cls.__init__.__annotations__)   # (the first __init__ compiles it)
    objs = [cls(*a) for a in args]
    out = {"before": before, "fields": [(f.name, f.type, f.default, f.default_factory, f.init, f.repr, f.compare, f.hash, f.kw_only)
                      for f in dataclasses.fields(cls)],
           "params": repr(cls.__dataclass_params__), "match": cls.__match_args__, "doc": cls.__doc__,
           "signature": str(inspect.signature(cls)), "init annotations": cls.__init__.__annotations__,
           "qualnames": [getattr(cls, m).__qualname__ for m in ("__init__", "__repr__", "__eq__", "__hash__")],
           "repr": [repr(o) for o in objs], "hash": [outcome(hash, o) for o in objs],
           "eq": [[x == y for y in objs] for x in objs], "self eq": [o == o for o in objs],
           "asdict": [dataclasses.asdict(o) for o in objs], "copied": [repr(copy.deepcopy(o)) for o in objs],
           "eq other type": [o.__eq__(object()) for o in objs]}
    if dataclasses.fields(cls):
        name = dataclasses.fields(cls)[0].name
        out["replace"] = [repr(dataclasses.replace(o, **{name: getattr(o, name)})) for o in objs]
    for o in objs:
        for action in (lambda: setattr(o, "a", 0), lambda: delattr(o, "a"), lambda: setattr(o, "new", 0)):
            with pytest.raises(FrozenInstanceError) as refused:
                action()
            out.setdefault("refusals", []).append(str(refused.value))
    return out


@pytest.mark.parametrize("kind", BODIES)
def test_the_class_behaves_as_dataclasses_makes_it(kind):
    reference, fast = both(BODIES[kind])
    assert made_here(fast)   # not by dataclasses
    assert behaviour(fast, ARGS[kind]) == behaviour(reference, ARGS[kind])
    if kind == "a method":
        assert fast(3).twice() == 6


def test_init_is_compiled_when_first_called_and_then_called_directly():
    reference, fast = both(BODIES["defaults"])
    first = fast.__init__
    assert fast(1) == fast(1) and fast.__init__ is not first
    assert fast.__init__.__code__.co_varnames[:4] == reference.__init__.__code__.co_varnames[:4] == ("self", "a", "b", "c")
    assert fast.__init__.__defaults__ == reference.__init__.__defaults__ == (2.5, ())


def test_wrong_arguments_are_refused_as_by_dataclasses():
    reference, fast = both(BODIES["defaults"])
    for args, kwargs in (((), {}), ((1, 2, 3, 4), {}), ((1,), {"d": 1}), ((1,), {"a": 2})):
        messages = []
        for cls in (reference, fast):
            with pytest.raises(TypeError) as refused:
                cls(*args, **kwargs)
            messages.append(str(refused.value))
        assert messages[0] == messages[1]


def test_a_repr_met_inside_itself_is_shortened_as_by_dataclasses():
    reference, fast = both({"__annotations__": {"items": "list"}})
    loops = []
    for cls in (reference, fast):
        obj = cls([])
        obj.items.append(obj)
        loops.append(repr(obj))
    assert loops[0] == loops[1] == "Rec(items=[...])"


@pytest.mark.parametrize("body", [
    {"__annotations__": {"a": "int"}, "__post_init__": lambda self: None},
    {"__annotations__": {"a": "int", "b": "int"}, "b": field(default=0, init=False)},
    {"__annotations__": {"a": "int", "b": "int"}, "b": field(default=0, kw_only=True)},
    {"__annotations__": {"a": "int", "n": "ClassVar[int]"}, "n": 3},
    {"__annotations__": {"a": "int"}, "__repr__": lambda self: "mine"},
])
def test_what_it_does_not_cover_is_made_by_dataclasses(body):
    reference, fast = both(body)
    assert not made_here(fast)
    assert str(inspect.signature(fast)) == str(inspect.signature(reference))


def test_a_default_after_no_default_is_refused_as_by_dataclasses():
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        frozen_dataclass(type("Rec", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1,
                                          "__module__": __name__}))


def workbench_records() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(workbench.__path__, "workbench."):
        if ".app" in info.name:
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:   # an optional engine that is not installed
            continue
        found += [v for v in vars(module).values() if isinstance(v, type) and v.__module__ == info.name
                  and dataclasses.is_dataclass(v) and made_here(v)]
    return found


def test_every_workbench_class_made_here_has_the_signature_and_fields_dataclasses_gives():
    records = workbench_records()
    assert len(records) >= 36
    for cls in records:
        body = {"__annotations__": dict(cls.__annotations__), "__doc__": cls.__doc__}
        for f in dataclasses.fields(cls):
            body[f.name] = field(default=f.default, default_factory=f.default_factory, repr=f.repr,
                                 hash=f.hash, compare=f.compare)
        body.update(__module__=cls.__module__, __qualname__=cls.__qualname__)
        reference = dataclasses.dataclass(frozen=True)(type(cls.__name__, (), body))
        assert str(inspect.signature(cls)) == str(inspect.signature(reference)), cls
        assert cls.__init__.__annotations__ == reference.__init__.__annotations__, cls
        assert repr(cls.__dataclass_params__) == repr(reference.__dataclass_params__), cls
        assert cls.__match_args__ == reference.__match_args__, cls
