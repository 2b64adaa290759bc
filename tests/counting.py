"""A list that counts how much of it is read: tests count work, never time."""

from __future__ import annotations

from typing import Any, Iterator


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts the items read from it."""

    read = 0

    def __iter__(self) -> Iterator[Any]:
        for item in super().__iter__():
            CountingList.read += 1
            yield item

    def __getitem__(self, key: Any) -> Any:
        got = super().__getitem__(key)
        CountingList.read += len(got) if isinstance(key, slice) else 1
        return got
