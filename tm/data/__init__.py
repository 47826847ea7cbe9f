"""Package data of the translation memory: ``seed.tmx``, the seed memory that ``silkterm tm build``
makes from the built-in glossary (the default memory is created from it)."""
