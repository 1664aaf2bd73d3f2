"""INSEE provider: Melodi statistics client (:mod:`.melodi`), COG refresh from INSEE's geographic metadata API
(:mod:`.geo_api`) and the dataset provider of the common model (:mod:`.provider`)."""

from .provider import create_provider

__all__ = ["create_provider"]
