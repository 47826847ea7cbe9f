"""``python -m silkterm.cli`` runs the ``silkterm`` command."""

from silkterm.cli.entry import main

if __name__ == "__main__":  # pragma: no cover
    main()
