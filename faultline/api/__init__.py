"""faultline serve: the HTTP API and browser UI over one store (see faultline.api.app)."""

from faultline.api.app import create_app, is_loopback

__all__ = ["create_app", "is_loopback"]
