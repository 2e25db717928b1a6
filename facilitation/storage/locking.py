"""One lock around the store's public methods."""


def serialized(cls):
    """Run every public method of ``cls`` under the instance's ``lock``.

    The store shares one connection; in threading mode HTTP routes and socket
    handlers call it from different threads, and an ``atomic()`` block must
    not interleave with another thread's statements. Under eventlet the lock
    is never contended.
    """
    for name, function in list(vars(cls).items()):
        if name.startswith("_") or not callable(function):
            continue

        def locked(self, *args, _function=function, **kwargs):
            with self.lock:
                return _function(self, *args, **kwargs)

        locked.__name__, locked.__doc__ = function.__name__, function.__doc__
        setattr(cls, name, locked)
    return cls
