"""``@frozen_dataclass``: the class ``@dataclass(frozen=True)`` makes, built with less work.

For every frozen class, ``dataclasses`` writes the source of six methods (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``) and compiles each
with its own ``exec``: about 5.8 M executed instructions a class on Python 3.11, and
``workbench align`` defines 37 frozen dataclasses at import, ~215 M instructions in all
(7% of the whole command, more than its reading, storing and printing together).

Here ``dataclasses`` itself still reads the fields (so ``fields()``, ``replace()``,
``asdict()``, ``is_dataclass()``, ``__match_args__`` and ``__dataclass_params__`` are
what ``@dataclass(frozen=True)`` gives), only ``__init__`` is compiled (from the same
text ``dataclasses`` writes: same signature, same annotations, same defaults and
factories), and only when the class is first made through it (16 of the 37), and the
other five are closures made without compiling anything, each doing what the generated
method does: the same repr (with the same guard against recursion), equality and hash on
the same tuples of fields, the same ``FrozenInstanceError``.

A class this does not cover exactly (a ``__post_init__``, a field that is not an
``__init__`` argument or is keyword-only, a ``ClassVar`` or ``InitVar``, a dataclass
base, a method of its own among the six) is simply given to
``@dataclass(frozen=True)``.
"""

from __future__ import annotations

import dataclasses
import sys
from _thread import get_ident
from operator import attrgetter

# the marker dataclasses puts in an __init__ signature for a field with a default factory
# ("<factory>"), so that the signature reads the same
_FACTORY = getattr(dataclasses, "_HAS_DEFAULT_FACTORY", object())
_OWN = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__post_init__", "__slots__")


def frozen_dataclass(cls: type) -> type:
    """``@dataclass(frozen=True)``, compiled once instead of six times (see the module)."""
    if not _simple(cls):
        return dataclasses.dataclass(frozen=True)(cls)
    undocumented = not cls.__doc__
    if undocumented:   # (or dataclasses would write the signature of an __init__ not made yet)
        cls.__doc__ = cls.__name__
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)   # the fields, nothing compiled
    params = cls.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True
    fields = dataclasses.fields(cls)
    for name, method in (("__init__", _first_init(cls, fields)),
                         ("__repr__", _repr([f.name for f in fields if f.repr])),
                         ("__eq__", _eq([f.name for f in fields if f.compare])),
                         ("__hash__", _hash([f.name for f in fields if (f.compare if f.hash is None else f.hash)])),
                         ("__setattr__", _setattr(cls, frozenset(f.name for f in fields))),
                         ("__delattr__", _delattr(cls, frozenset(f.name for f in fields)))):
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        method.__module__ = cls.__module__
        setattr(cls, name, method)
    if undocumented:   # as dataclasses documents a class: its name and signature
        import inspect

        try:
            cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
        except (TypeError, ValueError):
            pass
    return cls


def _simple(cls: type) -> bool:
    if any(name in cls.__dict__ for name in _OWN):
        return False
    if any(hasattr(base, "__dataclass_fields__") for base in cls.__mro__[1:]):
        return False
    annotations = cls.__dict__.get("__annotations__", {})
    if "self" in annotations or any(name.startswith("__dataclass") for name in annotations):
        return False
    for name, kind in annotations.items():   # ClassVar, InitVar and KW_ONLY markers: left to dataclasses
        if not isinstance(kind, str) or "ClassVar" in kind or "InitVar" in kind or "KW_ONLY" in kind:
            return False
        value = cls.__dict__.get(name)
        if isinstance(value, dataclasses.Field) and (not value.init or value.kw_only is True):
            return False
    return True


def _first_init(cls: type, fields):
    """An ``__init__`` that compiles the class's own (``_init``) when it is first called, puts
    it in its place and runs it: of the 37 classes ``workbench align`` imports, 16 are ever made
    through ``__init__``. Until then it shows the same signature and annotations."""
    seen_default = False   # refused when the class is made, as by dataclasses
    for f in fields:
        if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")

    def __init__(self, *args, **kwargs):
        init = _init(cls, fields)
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        cls.__init__ = init
        init(self, *args, **kwargs)

    import inspect

    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    __init__.__signature__ = inspect.Signature(
        [inspect.Parameter("self", kind)]
        + [inspect.Parameter(f.name, kind, annotation=f.type,
                             default=_FACTORY if f.default_factory is not dataclasses.MISSING else
                             inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
           for f in fields], return_annotation=None)
    __init__.__annotations__ = {**{f.name: f.type for f in fields}, "return": None}
    return __init__


def _init(cls: type, fields) -> object:
    """``__init__`` from the text ``dataclasses`` writes for a frozen class."""
    names: dict[str, object] = {"__dataclass_builtins_object__": object, "_HAS_DEFAULT_FACTORY": _FACTORY}
    params, body = [], []
    for f in fields:
        names[f"_type_{f.name}"] = f.type
        value = f.name
        if f.default_factory is not dataclasses.MISSING:
            names[f"_dflt_{f.name}"] = f.default_factory
            params.append(f"{f.name}:_type_{f.name}=_HAS_DEFAULT_FACTORY")
            value = f"_dflt_{f.name}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
        elif f.default is not dataclasses.MISSING:
            names[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}:_type_{f.name}=_dflt_{f.name}")
        else:
            params.append(f"{f.name}:_type_{f.name}")
        body.append(f"  __dataclass_builtins_object__.__setattr__(self,{f.name!r},{value})")
    names["_return_type"] = None
    text = (f"def __create_fn__({', '.join(names)}):\n"
            f" def __init__({','.join(['self', *params])})->_return_type:\n"
            + "\n".join(body or ["  pass"]) + "\n return __init__")
    module = sys.modules.get(cls.__module__)
    created: dict = {}
    # (compiled without this module's ``from __future__ import annotations``, as dataclasses'
    # own exec is: the annotations are the field types, not the names of their variables)
    exec(compile(text, "<string>", "exec", dont_inherit=True), module.__dict__ if module is not None else {}, created)
    return created["__create_fn__"](**names)


def _values(names: list[str]):
    """A function giving the tuple of an object's ``names`` (``(self.a,self.b,)`` in the generated code)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    if not names:
        return lambda obj: ()
    return attrgetter(*names)


def _repr(names: list[str]):
    running: set = set()   # dataclasses' guard: a repr met again inside itself is "..."

    def __repr__(self):
        key = id(self), get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            return self.__class__.__qualname__ + "(" + ", ".join(
                [f"{name}={getattr(self, name)!r}" for name in names]) + ")"
        finally:
            running.discard(key)
    return __repr__


def _eq(names: list[str]):
    values = _values(names)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented
    return __eq__


def _hash(names: list[str]):
    values = _values(names)

    def __hash__(self):
        return hash(values(self))
    return __hash__


def _setattr(cls: type, names: frozenset):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)
    return __setattr__


def _delattr(cls: type, names: frozenset):
    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __delattr__
