"""A minimal in-process Lambda runtime: load a handler by file path and invoke it.

Both functions have a module named `app.py`, so each is loaded under a unique module name.
A "container" is one loaded copy of the handler module; it runs one invocation at a time,
as in Lambda. By default every invocation of every function is serialized: Powertools keeps
state in class attributes shared by all copies (the metrics buffer), which concurrent
invocations would mix. With several containers (`LocalStack`'s `concurrency`) invocations run
in parallel, one per container; use it with metrics disabled (the load test does).
"""

from __future__ import annotations

import importlib.util
import os
import queue
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

Handler = Callable[[dict[str, Any], Any], Any]
_SERIAL = threading.Lock()


@dataclass
class LambdaContext:
    """The attributes of the Lambda context object that handlers and Powertools read."""

    function_name: str
    timeout_s: int = 3
    memory_limit_in_mb: int = 128
    region: str = "us-east-1"
    account_id: str = "123456789012"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    identity: Any = None
    client_context: Any = None
    _deadline: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.timeout_s
        self.invoked_function_arn = (
            f"arn:aws:lambda:{self.region}:{self.account_id}:function:{self.function_name}"
        )
        self.log_group_name = f"/aws/lambda/{self.function_name}"
        self.log_stream_name = f"local/[$LATEST]{uuid.uuid4().hex}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def load_handler(code_dir: Path, handler: str, module_name: str) -> tuple[Handler, ModuleType]:
    """The function `handler` ("module.function") of the code in `code_dir` and its module,
    loaded as `module_name`; raises FileNotFoundError when the module file is missing."""
    module_part, _, function_name = handler.rpartition(".")
    path = code_dir / (module_part.replace(".", "/") + ".py")
    if not path.is_file():
        raise FileNotFoundError(path)
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    # Sibling modules of the handler import as top-level names, as they do in Lambda.
    sys.path.insert(0, str(code_dir))
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    finally:
        sys.path.remove(str(code_dir))
    func = getattr(module, function_name)
    if not callable(func):
        raise TypeError(f"{handler} in {path} is not callable")
    return func, module


@dataclass
class Container:
    handler: Handler
    module: ModuleType | None = None


class LocalFunction:
    """A function's warm containers; each invocation takes a free one (or waits for it)."""

    def __init__(
        self,
        name: str,
        containers: list[Container],
        *,
        timeout_s: int = 3,
        memory_mb: int = 128,
        serialize: bool = True,
    ) -> None:
        if not containers:
            raise ValueError("a function needs at least one container")
        self.name = name
        self.containers = containers
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.invocations = 0
        self.errors = 0
        self._serialize = serialize
        self._free: queue.SimpleQueue[Container] = queue.SimpleQueue()
        for container in containers:
            self._free.put(container)
        self._count = threading.Lock()

    @property
    def module(self) -> ModuleType | None:
        return self.containers[0].module

    def invoke(self, event: dict[str, Any]) -> Any:
        """Call the handler with `event` and a fresh context; re-raises what it raises."""
        context = LambdaContext(
            function_name=self.name, timeout_s=self.timeout_s, memory_limit_in_mb=self.memory_mb
        )
        container = self._free.get()
        try:
            with self._count:
                self.invocations += 1
            if self._serialize:
                with _SERIAL:
                    return container.handler(event, context)
            return container.handler(event, context)
        except Exception:
            with self._count:
                self.errors += 1
            raise
        finally:
            self._free.put(container)


@contextmanager
def patched_environ(values: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with `values` set (None: removed) for the duration, restored afterwards."""
    saved = {key: os.environ.get(key) for key in values}
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def clear_precis_caches() -> None:
    """Forget cached settings, stores, publishers and clients of the `precis` package.

    The library caches its factories with functools.cache; a stack started in a process
    that ran other code (tests with moto's mock, a previous stack) must not reuse them.
    """
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "precis" or name.startswith("precis.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()
